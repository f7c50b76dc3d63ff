package vn.chidao.platform.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link DatabaseFacts} for health and, once per start, writes what the server lacks (with what
 * to do) to the log: at activation, or at the first successful read if the database was down then.
 * A missing feature is a notice, never a reason to call the database down.
 */
@Component(service = DatabaseCheck.class, immediate = true)
public class DatabaseCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCheck.class);

    private final DataSource dataSource;
    private final AtomicBoolean logged = new AtomicBoolean();
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chidao-database-probe");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<DatabaseFacts> inflight;

    @Activate
    public DatabaseCheck(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource) {
        this.dataSource = dataSource;
        // off the activating thread: an unreachable server must not hold up the platform's start
        Thread t = new Thread(this::checkAtStart, "chidao-database-check");
        t.setDaemon(true);
        t.start();
    }

    @Deactivate
    void deactivate() {
        probes.shutdownNow();
    }

    /**
     * The facts, or an exception, within {@code bound} whatever the database does: health must answer in
     * time even when connecting hangs or the pool has no connection to give. Callers arriving while a
     * read is under way share it, so a hanging database holds one thread, not one per request.
     */
    public DatabaseFacts facts(Duration bound) throws SQLException, TimeoutException {
        CompletableFuture<DatabaseFacts> read;
        synchronized (this) {
            if (inflight == null || inflight.isDone()) {
                inflight = CompletableFuture.supplyAsync(() -> {
                    try {
                        return facts();
                    } catch (SQLException e) {
                        throw new CompletionException(e);
                    }
                }, probes);
            }
            read = inflight;
        }
        try {
            return read.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new SQLException(e.getCause().getMessage(), "08000", e.getCause());
        }
    }

    private void checkAtStart() {
        try {
            facts();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Database check at start: database unreachable ({}); health reports it", e.getMessage());
        }
    }

    /** The server's facts now; throws when the database cannot be reached. */
    public DatabaseFacts facts() throws SQLException {
        DatabaseFacts f;
        try (Connection c = dataSource.getConnection()) {
            f = DatabaseFacts.read(c);
        }
        if (logged.compareAndSet(false, true)) {
            LOG.info("Database: PostgreSQL {}, encoding {}, locale provider {} '{}'", f.version(), f.encoding(),
                    f.localeProvider(), f.locale());
            for (DatabaseFacts.Notice n : f.notices()) {
                LOG.warn("Database notice {}: {} / {}", n.code(), n.en(), n.vi());
            }
        }
        return f;
    }
}
