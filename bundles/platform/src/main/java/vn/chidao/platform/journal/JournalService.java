package vn.chidao.platform.journal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.journal.JournalEntry;
import vn.chidao.platform.api.journal.Verification;

/** The journal service; writes a signed checkpoint of the chain heads every few minutes. */
@Component(service = Journal.class, configurationPid = "vn.chidao.journal")
@Designate(ocd = JournalService.Config.class)
public class JournalService implements Journal {

    @ObjectClassDefinition(name = "Chidao journal")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between signed checkpoints of the chain heads")
        int checkpointIntervalSeconds() default 60;
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournalService.class);

    private final JournalStore store;
    private final Checkpoints checkpoints;
    private final ChidaoClock clock;
    private final ScheduledExecutorService scheduler;

    @Activate
    public JournalService(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                          @Reference ChidaoClock clock,
                          @Reference(target = "(chidao.schema=platform)") SchemaReady schema, Config config) {
        this.clock = clock;
        this.store = new JournalStore(dataSource, clock);
        this.checkpoints = new Checkpoints(Paths.get(System.getProperty("karaf.data", "data"), "journal"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chidao-journal-checkpoint"));
        int every = Math.max(5, config.checkpointIntervalSeconds());
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        checkpointQuietly();
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.warn("Journal checkpoint not written: {}", e.getMessage());
        }
    }

    @Override
    public JournalEntry append(Connection tx, JournalDraft draft) throws SQLException {
        return store.append(tx, draft);
    }

    @Override
    public JournalEntry append(JournalDraft draft) {
        return store.append(draft);
    }

    @Override
    public List<JournalEntry> tail(UUID agency, int limit) {
        return store.tail(agency, limit);
    }

    @Override
    public List<JournalEntry> history(UUID agency, String subjectId, int limit) {
        return store.tail(agency, subjectId, limit);
    }

    @Override
    public Verification verify() {
        return store.verify(checkpoints.read(checkpoints.latest()));
    }

    @Override
    public Verification verify(Path checkpointFile) {
        Checkpoints.Checkpoint cp = checkpoints.read(checkpointFile);
        if (cp == null) {
            throw new IllegalArgumentException("No checkpoint file at " + checkpointFile);
        }
        return store.verify(cp);
    }

    @Override
    public Path checkpoint() {
        // Never let a checkpoint bless a chain that is already broken.
        Checkpoints.Checkpoint previous = checkpoints.read(checkpoints.latest());
        Verification v = store.extendsCheckpoint(previous);
        if (!v.ok()) {
            LOG.error("Journal verification failed, checkpoint kept as it was: agency {} entry {}: {}", v.agencyId(),
                    v.chainSeq(), v.reason());
            return checkpoints.latest();
        }
        return checkpoints.write(System.getProperty("karaf.name", "chidao"), clock.now(), store.heads());
    }

    JournalStore store() {
        return store;
    }
}
