package vn.chidao.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.Comparator;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.chidao.embeddeddb.EmbeddedDatabase;
import vn.chidao.embeddeddb.OwnerRole;

/**
 * The real PostgreSQL 17 of the test run, started in the test JVM (driver side only: the Pax Exam
 * probe never loads this class). Data under target/, closed explicitly by {@link SuiteLifecycle}.
 * Nodes connect as {@link #OWNER}, a role that owns their database but is no superuser, as in
 * production; only tests that act behind the system's back use the superuser {@code postgres}.
 */
public final class TestDatabase {

    public static final int PORT = 55601;
    /** The application's role: owns the databases made here, not a superuser. */
    public static final String OWNER = "chidao";
    public static final String OWNER_PASSWORD = "chidao-owner";
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized int port() {
        if (postgres == null) {
            try {
                Path dir = Paths.get("target", "it-postgres");
                if (Files.exists(dir)) {
                    // an orphan of an aborted earlier run is stopped by EmbeddedDatabase.start
                    EmbeddedDatabase.start(dir, PORT, false).close();
                    try (var walk = Files.walk(dir)) {
                        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                postgres = EmbeddedDatabase.start(dir, PORT, false); // throw-away data: speed over durability
                try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection()) {
                    OwnerRole.ensure(c, OWNER, OWNER_PASSWORD);
                }
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("Cannot start the test PostgreSQL", e);
            }
        }
        return postgres.getPort();
    }

    /** A fresh database of that name (created if missing), owned by {@link #OWNER}. */
    public static synchronized String database(String name) {
        port();
        try {
            EmbeddedDatabase.createDatabase(postgres, name, OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + name;
    }

    /** The database as the application reaches it (role {@link #OWNER}). */
    public static DataSource dataSource(String name) {
        database(name);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {PORT});
        ds.setDatabaseName(name);
        ds.setUser(OWNER);
        ds.setPassword(OWNER_PASSWORD);
        return ds;
    }

    public static synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // nothing left to do at the end of the run
            }
            postgres = null;
        }
    }
}
