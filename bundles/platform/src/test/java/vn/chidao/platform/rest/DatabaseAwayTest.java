package vn.chidao.platform.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.Test;

import vn.chidao.platform.api.rest.ProblemException;

public class DatabaseAwayTest {

    @Test
    public void poolTimeoutsLostConnectionsAndShutdownsAreAway() {
        // HikariCP: "Connection is not available, request timed out after 2000ms", wrapped as Db does
        assertTrue(DatabaseAway.is(new IllegalStateException("x", new SQLTransientConnectionException("timed out"))));
        assertTrue(DatabaseAway.is(new SQLException("An I/O error occurred while sending to the backend", "08006")));
        assertTrue(DatabaseAway.is(new RuntimeException(new SQLException("terminating connection", "57P01"))));
        assertTrue("disk full", DatabaseAway.is(new SQLException("could not extend file", "53100")));
        // a rollback on a connection HikariCP evicted, thrown in place of the first failure
        assertTrue(DatabaseAway.is(new IllegalStateException("x", new SQLException("Connection is closed"))));
        SQLException rollback = new SQLException("rollback failed", "XX000");
        rollback.addSuppressed(new SQLException("An I/O error occurred", "08006"));
        assertTrue(DatabaseAway.is(new IllegalStateException(rollback)));
    }

    @Test
    public void ordinarySqlErrorsAreNot() {
        assertFalse(DatabaseAway.is(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseAway.is(new SQLException("no state")));
        assertFalse(DatabaseAway.is(new IllegalArgumentException("bad")));
    }

    @Test
    public void answerIs503WithRetryAfter() {
        ProblemException p = DatabaseAway.problem();
        assertEquals(503, p.problem().status());
        assertEquals(DatabaseAway.RETRY_AFTER_SECONDS, p.retryAfterSeconds());
        assertTrue(p.problem().type().endsWith("database-unavailable"));
    }
}
