package vn.chidao.platform.journal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
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

/**
 * The journal service; writes a signed checkpoint of the chain heads when it starts and then every
 * interval, to the node's data folder and, when configured, to a second place. Verification fails
 * when the chains are broken and when checkpoints that should exist are missing or stale (see
 * {@link CheckpointRules}).
 */
@Component(service = Journal.class, configurationPid = "vn.chidao.journal")
@Designate(ocd = JournalService.Config.class)
public class JournalService implements Journal {

    @ObjectClassDefinition(name = "Chidao journal")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between signed checkpoints of the chain heads")
        int checkpointIntervalSeconds() default 60;

        @AttributeDefinition(description = "Seconds a checkpoint may be late before verification reports it missing or stale")
        int checkpointGraceSeconds() default 300;

        @AttributeDefinition(description = "Second directory every checkpoint is copied to (e.g. a mounted share); empty for none")
        String checkpointCopyDir() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournalService.class);

    private final JournalStore store;
    private final Checkpoints checkpoints;
    private final CheckpointRules rules;
    private final ChidaoClock clock;
    private final ScheduledExecutorService scheduler;

    @Activate
    public JournalService(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                          @Reference ChidaoClock clock,
                          @Reference(target = "(chidao.schema=platform)") SchemaReady schema, Config config) {
        this.clock = clock;
        this.store = new JournalStore(dataSource, clock);
        String node = System.getProperty("karaf.name", "chidao");
        String copyDir = config.checkpointCopyDir() == null ? "" : config.checkpointCopyDir().trim();
        this.checkpoints = new Checkpoints(Paths.get(System.getProperty("karaf.data", "data"), "journal"),
                copyDir.isEmpty() ? null : Paths.get(copyDir).resolve("checkpoint-" + node.replaceAll("[^A-Za-z0-9._-]", "_") + ".json"));
        int every = Math.max(5, config.checkpointIntervalSeconds());
        this.rules = new CheckpointRules(Duration.ofSeconds(every), Duration.ofSeconds(Math.max(0, config.checkpointGraceSeconds())));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chidao-journal-checkpoint"));
        // at once: a node that was down longer than the grace is not reported stale, and a new copy place is filled
        checkpointQuietly();
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        checkpointQuietly();
    }

    private void checkpointQuietly() {
        try {
            write(false);
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

    /** The chains against the newest valid checkpoint of either place, then the checkpoint rules. */
    @Override
    public Verification verify() {
        Checkpoints.Found found = checkpoints.found();
        Verification v = store.verify(found.newest());
        String problem = rules.problem(found, clock.now(), store::hasEntriesBefore);
        if (problem == null) {
            return v;
        }
        // a broken chain is named first; a missing or stale checkpoint is said as well
        return v.ok() ? new Verification(false, v.entriesChecked(), v.chainsChecked(), v.checkpoint(), null, null, null, problem)
                : new Verification(false, v.entriesChecked(), v.chainsChecked(), v.checkpoint(), v.agencyId(), v.chainSeq(),
                        v.entryId(), v.reason() + "; " + problem);
    }

    @Override
    public Verification verify(Path checkpointFile) {
        Checkpoints.Checkpoint cp = checkpoints.read(checkpointFile);
        if (cp == null) {
            throw new IllegalArgumentException("No checkpoint file at " + checkpointFile);
        }
        return store.verify(cp);
    }

    /** An administrator's checkpoint (shell, tests): may start checkpointing a journal that has none. */
    @Override
    public Path checkpoint() {
        return write(true);
    }

    /**
     * Never lets a checkpoint bless a chain that is already broken: refused when the chains do not
     * extend the newest checkpoint of either place, or when a checkpoint file is not valid (it is
     * evidence). The scheduled writer also refuses when no checkpoint exists although entries older
     * than the deadline do (the files were deleted); an administrator's checkpoint may then start anew.
     */
    private Path write(boolean byAdministrator) {
        Checkpoints.Found found = checkpoints.found();
        Verification v = store.extendsCheckpoint(found.newest());
        String refusal = !v.ok() ? "agency " + v.agencyId() + " entry " + v.chainSeq() + ": " + v.reason()
                : !found.invalid().isEmpty() ? rules.problem(found, clock.now(), at -> false)
                : !byAdministrator && found.newest() == null && store.hasEntriesBefore(clock.now().minus(rules.deadline()))
                        ? rules.problem(found, clock.now(), store::hasEntriesBefore) : null;
        if (refusal != null) {
            LOG.error("Journal verification failed, checkpoint kept as it was: {}", refusal);
            return checkpoints.latest();
        }
        if (found.newest() == null && byAdministrator && store.hasEntriesBefore(clock.now().minus(rules.deadline()))) {
            LOG.warn("Journal checkpointing starts anew by an administrator's decision: no earlier checkpoint was found");
        }
        return checkpoints.write(System.getProperty("karaf.name", "chidao"), clock.now(), store.heads());
    }

    JournalStore store() {
        return store;
    }
}
