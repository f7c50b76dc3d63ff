package vn.chidao.registry.internal;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import vn.chidao.account.api.Agency;
import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;

/**
 * Demo mode: every live agency without registers gets an incoming register (per year) and an
 * outgoing one (per type and term), and the current committee term (Đại hội XII, closed October
 * 2025). Off in production, where clerks create their registers.
 */
@Component(immediate = true, configurationPid = RegistryConfig.PID)
@Designate(ocd = RegistryConfig.class)
public class DemoRegisters {

    static final LocalDate TERM_START = LocalDate.of(2025, 10, 16);

    private final DataSource dataSource;
    private final ChidaoClock clock;
    private final Journal journal;
    private final AgencyDirectory agencies;
    private boolean demo;

    @Activate
    public DemoRegisters(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                         @Reference ChidaoClock clock, @Reference Journal journal, @Reference AgencyDirectory agencies,
                         @Reference(target = "(chidao.schema=registry)") SchemaReady schema, RegistryConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.journal = journal;
        this.agencies = agencies;
        modified(config);
    }

    /** Seeds when demo mode is turned on, not when another key of the shared configuration changes. */
    @Modified
    synchronized void modified(RegistryConfig config) {
        boolean turnedOn = config.demo() && !demo;
        demo = config.demo();
        if (turnedOn) {
            seed();
        }
    }

    private void seed() {
        new Db(dataSource).tx(c -> {
            Db.one(c, "SELECT pg_advisory_xact_lock(hashtext('chidao.registry.demo'))", rs -> 1);
            for (Agency a : agencies.list(false)) {
                if (Db.one(c, "SELECT 1 FROM registry.register WHERE agency_id = ?", rs -> 1, a.id()).isPresent()) {
                    continue;
                }
                UUID in = Ids.newId();
                UUID out = Ids.newId();
                Db.update(c, "INSERT INTO registry.register (id, agency_id, kind, name, scope, notation_template, created_at)"
                        + " VALUES (?,?,'incoming','Sổ đăng ký văn bản đến','year',?,?), (?,?,'outgoing','Sổ đăng ký văn bản đi',"
                        + "'type-term',?,?)", in, a.id(), RegistryService.DEFAULT_TEMPLATE, clock.now(), out, a.id(),
                        RegistryService.DEFAULT_TEMPLATE, clock.now());
                Db.update(c, "INSERT INTO registry.term (id, agency_id, name, starts_on) VALUES (?,?,?,?)", Ids.newId(), a.id(),
                        "2025–2030", TERM_START);
                journal.append(c, new JournalDraft(a.id(), "system", "registry.demo-registers-seeded", a.id().toString(),
                        Map.of("incoming", in.toString(), "outgoing", out.toString())));
            }
            return null;
        });
    }
}
