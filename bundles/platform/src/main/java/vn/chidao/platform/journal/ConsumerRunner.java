package vn.chidao.platform.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.journal.JournalConsumer;
import vn.chidao.platform.api.journal.JournalEntry;

/**
 * Feeds one consumer. It runs only while holding a session advisory lock named after the consumer,
 * so among all nodes sharing the database exactly one feeds it; if that node dies, PostgreSQL drops
 * its connection and lock and another node's runner takes over within one poll interval. The cursor
 * moves after each handled entry (at least once). Commits wake it through LISTEN/NOTIFY.
 */
public final class ConsumerRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRunner.class);
    private static final int BATCH = 200;

    private final DataSource dataSource;
    private final JournalStore store;
    private final JournalConsumer consumer;
    private final String node;
    private final long pollMillis;
    private volatile boolean running = true;
    private volatile boolean active;
    private volatile Thread thread;

    public ConsumerRunner(DataSource dataSource, JournalStore store, JournalConsumer consumer, String node, long pollMillis) {
        this.dataSource = dataSource;
        this.store = store;
        this.consumer = consumer;
        this.node = node;
        this.pollMillis = pollMillis;
    }

    public ConsumerRunner start() {
        Thread t = new Thread(this, "chidao-consumer-" + consumer.name());
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True while this node holds the consumer's lock and feeds it. */
    public boolean active() {
        return active;
    }

    @Override
    public void run() {
        long backoff = pollMillis;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                if (!tryLock(c)) {
                    pause(pollMillis);
                    continue;
                }
                try {
                    active = true;
                    LOG.info("Journal consumer {} runs on this node", consumer.name());
                    feed(c);
                    backoff = pollMillis;
                } finally {
                    active = false;
                    release(c);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("Journal consumer {} paused: {}", consumer.name(), e.getMessage());
                    pause(backoff);
                    backoff = Math.min(backoff * 2, 30_000);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void feed(Connection c) throws SQLException, InterruptedException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN chidao_journal");
        }
        long position = cursor(c);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
            List<JournalEntry> batch = store.after(c, position, BATCH);
            for (JournalEntry e : batch) {
                try {
                    consumer.accept(e);
                } catch (InterruptedException ie) {
                    throw ie;
                } catch (Exception ex) {
                    throw new IllegalStateException("entry " + e.position() + " (" + e.action() + ") failed: "
                            + ex.getMessage(), ex);
                }
                position = e.position();
                save(c, position);
            }
            if (batch.size() < BATCH) {
                pg.getNotifications((int) pollMillis);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext('chidao.consumer'), hashtext(?))")) {
            ps.setString(1, consumer.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void release(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("UNLISTEN *");
            s.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException e) {
            LOG.debug("Releasing consumer lock of {}: {}", consumer.name(), e.getMessage());
        }
    }

    private long cursor(Connection c) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO platform.journal_cursor (consumer, position, node) VALUES (?, 0, ?) ON CONFLICT DO NOTHING");
             PreparedStatement sel = c.prepareStatement("SELECT position FROM platform.journal_cursor WHERE consumer = ?")) {
            ins.setString(1, consumer.name());
            ins.setString(2, node);
            ins.executeUpdate();
            sel.setString(1, consumer.name());
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void save(Connection c, long position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE platform.journal_cursor SET position = ?, node = ?, updated_at = now() WHERE consumer = ?")) {
            ps.setLong(1, position);
            ps.setString(2, node);
            ps.setString(3, consumer.name());
            ps.executeUpdate();
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
