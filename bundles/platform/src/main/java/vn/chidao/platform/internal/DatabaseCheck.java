package vn.chidao.platform.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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

    @Activate
    public DatabaseCheck(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource) {
        this.dataSource = dataSource;
        // off the activating thread: an unreachable server must not hold up the platform's start
        Thread t = new Thread(this::checkAtStart, "chidao-database-check");
        t.setDaemon(true);
        t.start();
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
