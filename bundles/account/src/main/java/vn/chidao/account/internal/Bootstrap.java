package vn.chidao.account.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.SecretFiles;
import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.auth.FirstAdministrator;
import vn.chidao.platform.api.auth.PasswordHashing;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;

/**
 * First start of the module: takes the foundation's first administrator over as an ordinary
 * system-admin account, and in demo mode seeds the Đắk Nông agency tree with demo people on an empty
 * database. Both are idempotent and safe when several nodes start at once (one transaction each,
 * guarded by an advisory lock). The authenticator waits for it: until the hand-over, the first
 * administrator could log in nowhere.
 */
@Component(service = Bootstrap.class, immediate = true, configurationPid = "vn.chidao.account")
@Designate(ocd = Bootstrap.Config.class)
public class Bootstrap {

    @ObjectClassDefinition(name = "Chidao accounts")
    public @interface Config {
        @AttributeDefinition(description = "Seed the demo agency tree and demo people on an empty database."
                + " Off in production: the install then starts with the first administrator only.")
        boolean demo() default false;
    }

    static final String DEMO_PASSWORD_FILE = "demo-passwords.txt";
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    @Activate
    public Bootstrap(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                     @Reference ChidaoClock clock, @Reference Journal journal, @Reference PasswordHashing hashing,
                     @Reference FirstAdministrator firstAdmin,
                     @Reference(target = "(chidao.schema=account)") SchemaReady schema, Config config) {
        Db db = new Db(dataSource);
        db.tx(c -> {
            Db.one(c, "SELECT pg_advisory_xact_lock(hashtext('chidao.account.bootstrap'))", rs -> 1);
            takeOverFirstAdmin(c, firstAdmin, clock.now(), journal);
            return null;
        });
        if (config.demo()) {
            Path data = Paths.get(System.getProperty("karaf.data", "data"));
            char[] password = hashing.oneTimePassword();
            String hash;
            try {
                hash = hashing.hash(password);
            } catch (AuthenticationException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            boolean seeded = db.tx(c -> {
                Db.one(c, "SELECT pg_advisory_xact_lock(hashtext('chidao.account.bootstrap'))", rs -> 1);
                if (Db.one(c, "SELECT 1 FROM account.agency LIMIT 1", rs -> 1).isPresent()) {
                    return false;
                }
                new DemoSeed(c, clock, journal, hash).run();
                return true;
            });
            if (seeded) {
                writeOwnerOnly(data.resolve(DEMO_PASSWORD_FILE), "# Demo accounts (demo mode only): every demo user has this password\n"
                        + "password=" + new String(password) + "\n" + DemoSeed.usernames());
                LOG.info("Demo agency tree and people seeded; their password is in {} (readable by its owner only)",
                        data.resolve(DEMO_PASSWORD_FILE));
            }
        }
    }

    private static void takeOverFirstAdmin(Connection c, FirstAdministrator firstAdmin, Instant now, Journal journal)
            throws SQLException {
        Optional<FirstAdministrator.Account> a = firstAdmin.handOver(c);
        if (a.isEmpty()) {
            return;
        }
        FirstAdministrator.Account admin = a.get();
        Db.update(c, "INSERT INTO account.person (id, username, full_name, password_hash, must_change, origin, created_at,"
                + " updated_at) VALUES (?,?,?,?,?,'first-admin',?,?)", admin.id(), admin.username(), admin.fullName(),
                admin.passwordHash(), admin.mustChangePassword(), now, now);
        Db.update(c, "INSERT INTO account.role_grant (id, person_id, agency_id, role, valid_from, reason, granted_by, granted_at)"
                + " VALUES (?,?,NULL,'system-admin',?,?,'system',?)", Ids.newId(), admin.id(), now,
                "Quản trị viên đầu tiên của hệ thống", now);
        journal.append(c, new JournalDraft(Ids.NO_AGENCY, "system", "account.first-admin-taken-over", admin.id().toString(),
                Map.of("username", admin.username())));
        LOG.info("The first administrator '{}' is now an ordinary system-admin account", admin.username());
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            SecretFiles.writeOwnerOnly(file, content);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
