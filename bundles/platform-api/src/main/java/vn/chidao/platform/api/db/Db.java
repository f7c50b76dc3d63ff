package vn.chidao.platform.api.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import vn.chidao.platform.api.rest.ProblemException;

/**
 * Small JDBC helpers for modules that need SQL rather than JPA: one transaction per call, parameters
 * bound by position ({@code Instant} as timestamptz, {@code List} as text[]), rows mapped by lambdas.
 */
public final class Db {

    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    public Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work in one transaction; any exception rolls it back. */
    public <T> T tx(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                rollbackAfter(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Read-only work on an auto-commit connection. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> all = list(c, sql, row, params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Rolls back after {@code failure}. When the connection is gone (the database died), the rollback
     * fails too; that is kept as suppressed, so the first failure still says why and a "database away"
     * check still finds it.
     */
    public static void rollbackAfter(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException lost) {
            failure.addSuppressed(lost);
        }
    }

    /**
     * Rows a paged list reaches at most. Deeper pages are refused rather than served by OFFSET, which
     * reads and drops every row before the page on each request: nobody pages that far by hand, and a
     * client walking a whole list that way is a full scan per page.
     */
    public static final int MAX_PAGED_ROWS = 10_000;

    /**
     * One page of {@code SELECT columns + from + order}, with the total count of {@code from}; a page
     * starting past {@link #MAX_PAGED_ROWS} is refused with 400 {@code page-too-deep} before any query.
     */
    public static <T> vn.chidao.platform.api.Page<T> page(Connection c, String columns, String from, String order, Row<T> row,
                                                   int page, int size, Object... params) throws SQLException {
        if ((long) (page - 1) * size >= MAX_PAGED_ROWS) {
            throw tooDeep();
        }
        long total = one(c, "SELECT count(*)" + from, rs -> rs.getLong(1), params).orElse(0L);
        Object[] withPage = java.util.Arrays.copyOf(params, params.length + 2);
        withPage[params.length] = size;
        withPage[params.length + 1] = (page - 1) * size;
        return new vn.chidao.platform.api.Page<>(list(c, "SELECT " + columns + from + " ORDER BY " + order + " LIMIT ? OFFSET ?",
                row, withPage), total, page, size);
    }

    static ProblemException tooDeep() {
        return ProblemException.badRequest("page-too-deep", "Chỉ xem được 10.000 kết quả đầu tiên theo trang; hãy thu hẹp"
                + " điều kiện lọc (thời gian, loại, từ khóa).", "Only the first " + MAX_PAGED_ROWS + " results can be paged"
                + " through; narrow the filter (dates, type, words).");
    }

    /**
     * Rows of a query read from a server-side cursor: its own connection in a read-only transaction
     * (autocommit off, which the PostgreSQL driver needs to fetch {@code fetchSize} rows at a time
     * instead of the whole result). Close it to give the connection back; rows mapped as they are read.
     */
    public <T> Cursor<T> cursor(int fetchSize, String sql, Row<T> row, Object... params) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            c.setReadOnly(true);
            PreparedStatement ps = prepare(c, sql, params);
            ps.setFetchSize(fetchSize);
            return new Cursor<>(c, ps, ps.executeQuery(), row);
        } catch (SQLException e) {
            Cursor.closeQuietly(c);
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A one-pass iterator over a query's rows; {@link #close()} ends its transaction and returns the connection. */
    public static final class Cursor<T> implements java.util.Iterator<T>, AutoCloseable {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final Row<T> row;
        private Boolean ahead;

        Cursor(Connection connection, PreparedStatement statement, ResultSet rows, Row<T> row) {
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
            this.row = row;
        }

        @Override
        public boolean hasNext() {
            if (ahead == null) {
                try {
                    ahead = rows.next();
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            return ahead;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            ahead = null;
            try {
                return row.map(rows);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                rows.close();
                statement.close();
            } catch (SQLException e) {
                // the connection goes back anyway; its rollback ends the cursor
            }
            closeQuietly(connection);
        }

        static void closeQuietly(Connection c) {
            if (c == null) {
                return;
            }
            try {
                c.rollback(); // read-only: nothing to keep, and the pool gets the connection clean
                c.setReadOnly(false);
                c.setAutoCommit(true);
            } catch (SQLException e) {
                // closing below is what matters
            }
            try {
                c.close();
            } catch (SQLException e) {
                // nothing more to do
            }
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant t) {
                p = OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
            } else if (p instanceof List<?> l) {
                Array a = c.createArrayOf("text", l.toArray());
                p = a;
            }
            ps.setObject(i + 1, p);
        }
        return ps;
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }
}
