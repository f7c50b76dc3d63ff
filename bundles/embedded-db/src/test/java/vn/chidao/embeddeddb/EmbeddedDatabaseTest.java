package vn.chidao.embeddeddb;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.TreeSet;

import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

public class EmbeddedDatabaseTest {

    @Test(timeout = 180_000)
    public void startsAfterKill9OfItsOwnerWithVietnameseDatabaseAndKeepsData() throws Exception {
        Path data = fresh("epg-test");
        int port = 55499;
        // The owner is a JVM that gets kill -9: the server stays up (pg_ctl daemonised it) holding the port.
        Process owner = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingOwner.class.getName(), data.toString(),
                Integer.toString(port)).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("READY")) {
                // wait for the owner to bring PostgreSQL up
            }
        }
        owner.destroyForcibly().waitFor();
        // The next start must stop that orphan and come up on the same port with the same data.
        EmbeddedDatabase.Running first = EmbeddedDatabase.startForApplication(data, port, "chidao", 2);
        assertSuperuserPasswordForgotten(data);
        // no trust authentication: without the password, connecting is refused
        try (Connection c = connect(port, "postgres", "postgres", null)) {
            fail("connected without a password");
        } catch (SQLException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("password"));
        }
        try (var pool = first.pool(); Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertLeastPrivilege(s);
            try (ResultSet rs = s.executeQuery("SHOW server_version_num")) {
                rs.next();
                assertTrue("PostgreSQL 17 expected", rs.getInt(1) >= 170000);
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_encoding_to_char(encoding), datlocprovider, datlocale"
                    + " FROM pg_database WHERE datname = current_database()")) {
                rs.next();
                assertEquals("UTF8", rs.getString(1));
                assertEquals("i", rs.getString(2));
                assertEquals("vi-VN", rs.getString(3));
            }
            // what the platform's first migration needs, as the database owner without superuser rights
            s.execute("CREATE EXTENSION IF NOT EXISTS unaccent");
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            s.execute("CREATE SCHEMA m");
            s.execute("CREATE COLLATION m.vi (provider = icu, locale = 'vi-VN')");
            s.execute("CREATE TEXT SEARCH CONFIGURATION m.vietnamese (COPY = pg_catalog.simple)");
            try (ResultSet rs = s.executeQuery("SELECT unaccent('Nghị quyết Đắk Nông')")) {
                rs.next();
                assertEquals("Nghi quyet Dak Nong", rs.getString(1));
            }
        }
        first.postgres().close();
        EmbeddedDatabase.Running second = EmbeddedDatabase.startForApplication(data, port, "chidao", 2);
        try (var pool = second.pool(); Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'"
                     + " AND current_setting('fsync') = 'on' AND current_setting('synchronous_commit') = 'on'")) {
            rs.next();
            assertEquals("data survived the restart, durable settings on", 1, rs.getInt(1));
        } finally {
            second.postgres().close();
        }
    }

    /** A data folder made before issue 13: superuser password kept, migrations run as the superuser. */
    @Test(timeout = 180_000)
    public void upgradeHandsSuperuserOwnedSchemasToTheOwnerRoleAndForgetsTheSuperuserPassword() throws Exception {
        Path data = fresh("epg-upgrade");
        int port = 55496;
        String superuserPassword;
        try (EmbeddedPostgres old = EmbeddedDatabase.start(data, port, true)) {
            superuserPassword = EmbeddedDatabase.password(data);
            assertNotNull(superuserPassword);
            EmbeddedDatabase.createDatabase(old, "chidao");
            try (Connection c = old.getDatabase("postgres", "chidao").getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION unaccent");
                s.execute("CREATE SCHEMA platform");
                s.execute("CREATE TABLE platform.journal (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, t text)");
                s.execute("CREATE TABLE platform.s (id serial PRIMARY KEY)");
                s.execute("CREATE SEQUENCE platform.free_seq");
                s.execute("CREATE VIEW platform.v AS SELECT seq FROM platform.journal");
                s.execute("CREATE FUNCTION platform.f() RETURNS int LANGUAGE sql AS 'SELECT 1'");
                s.execute("CREATE DOMAIN platform.d AS text CHECK (VALUE <> '')");
                s.execute("CREATE TYPE platform.e AS ENUM ('a', 'b')");
                s.execute("CREATE COLLATION platform.vi (provider = icu, locale = 'vi-VN')");
                s.execute("CREATE TEXT SEARCH CONFIGURATION platform.vietnamese (COPY = pg_catalog.simple)");
                s.execute("INSERT INTO platform.journal (t) VALUES ('trước nâng cấp')");
            }
        }
        EmbeddedDatabase.Running upgraded = EmbeddedDatabase.startForApplication(data, port, "chidao", 2);
        try (var pool = upgraded.pool(); Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertSuperuserPasswordForgotten(data);
            assertLeastPrivilege(s);
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'platform'::regnamespace"
                    + " AND relowner <> 'chidao'::regrole) + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'platform'::regnamespace"
                    + " AND proowner <> 'chidao'::regrole) + (SELECT count(*) FROM pg_type WHERE typnamespace = 'platform'::regnamespace"
                    + " AND typowner <> 'chidao'::regrole) + (SELECT count(*) FROM pg_collation WHERE collnamespace = 'platform'::regnamespace"
                    + " AND collowner <> 'chidao'::regrole) + (SELECT count(*) FROM pg_ts_config WHERE cfgnamespace = 'platform'::regnamespace"
                    + " AND cfgowner <> 'chidao'::regrole) + (SELECT count(*) FROM pg_namespace WHERE nspname = 'platform'"
                    + " AND nspowner <> 'chidao'::regrole)")) {
                rs.next();
                assertEquals("objects of the module schema still owned by the superuser", 0, rs.getInt(1));
            }
            // the owner can do what later migrations and the application do
            s.execute("ALTER TABLE platform.journal ADD COLUMN note text");
            s.execute("INSERT INTO platform.journal (t) VALUES ('sau nâng cấp')");
            s.execute("INSERT INTO platform.s DEFAULT VALUES");
            s.execute("SELECT nextval('platform.free_seq'), platform.f()");
            s.execute("CREATE TABLE platform.new_one (x platform.d COLLATE platform.vi)");
        }
        try (Connection c = connect(port, "postgres", "postgres", superuserPassword)) {
            fail("the superuser still logs in with the password that was kept in data/");
        } catch (SQLException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("password"));
        }
        upgraded.postgres().close();
        EmbeddedDatabase.Running again = EmbeddedDatabase.startForApplication(data, port, "chidao", 2);
        try (var pool = again.pool(); Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM platform.journal")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        } finally {
            again.postgres().close();
        }
    }

    private static void assertSuperuserPasswordForgotten(Path data) throws Exception {
        assertFalse("the superuser password is not kept", Files.exists(data.resolve(EmbeddedDatabase.PASSWORD_FILE)));
        assertEquals("[OWNER_READ, OWNER_WRITE]", new TreeSet<>(Files.getPosixFilePermissions(
                data.resolve(EmbeddedDatabase.APP_PASSWORD_FILE))).toString());
    }

    private static void assertLeastPrivilege(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT current_user, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls,"
                + " (SELECT datdba = r.oid FROM pg_database WHERE datname = current_database())"
                + " FROM pg_roles r WHERE rolname = current_user")) {
            rs.next();
            assertEquals(EmbeddedDatabase.APP_ROLE, rs.getString(1));
            for (int i = 2; i <= 6; i++) {
                assertFalse("attribute " + i + " of the application role", rs.getBoolean(i));
            }
            assertTrue("the application role owns the database", rs.getBoolean(7));
        }
    }

    private static Connection connect(int port, String database, String user, String password) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(user);
        ds.setPassword(password);
        return ds.getConnection();
    }

    private static Path fresh(String name) throws Exception {
        Path data = Paths.get("target", name);
        if (Files.exists(data)) {
            try (var walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(data);
        return data;
    }
}
