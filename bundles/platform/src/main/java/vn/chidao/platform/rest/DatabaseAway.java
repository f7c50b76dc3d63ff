package vn.chidao.platform.rest;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import vn.chidao.platform.api.rest.ProblemException;

/**
 * Recognises the failures that mean "the database is away" (no connection within the pool's wait, a
 * connection lost, the server shutting down or out of resources) wherever they are wrapped, and the
 * 503 answer they get: the request's transaction was rolled back, the client may try again.
 */
public final class DatabaseAway {

    /** Seconds a client is asked to wait: about one supervisor restart of the embedded database. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseAway() {
    }

    /** Whether {@code t} or one of its causes says the database cannot be reached or used right now. */
    public static boolean is(Throwable t) {
        return is(t, 0);
    }

    private static boolean is(Throwable t, int depth) {
        for (Throwable x = t; x != null && depth < 8; x = x.getCause() == x ? null : x.getCause()) {
            if (x instanceof SQLTransientConnectionException || x instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (x instanceof SQLException s && (away(s.getSQLState()) || evicted(s))) {
                return true;
            }
            // a failed rollback on a lost connection is often what gets thrown, the first failure suppressed
            for (Throwable s : x.getSuppressed()) {
                if (is(s, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * HikariCP's answer on a connection it has already evicted after a connection-fatal error (it gives no
     * SQLSTATE): code that rolls back or resets such a connection in a catch or finally block throws it.
     */
    static boolean evicted(SQLException s) {
        return s.getSQLState() == null && "Connection is closed".equals(s.getMessage());
    }

    /** SQLSTATE classes 08 (connection), 53 (insufficient resources: disk full, out of memory), 57P (shutdown). */
    static boolean away(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
    }

    public static ProblemException problem() {
        return ProblemException.unavailable("database-unavailable",
                "Cơ sở dữ liệu đang tạm thời gián đoạn: yêu cầu chưa được thực hiện, dữ liệu không thay đổi."
                        + " Vui lòng thử lại sau ít giây.",
                "The database is briefly unavailable: the request was not carried out and nothing changed."
                        + " Please try again in a few seconds.", RETRY_AFTER_SECONDS);
    }
}
