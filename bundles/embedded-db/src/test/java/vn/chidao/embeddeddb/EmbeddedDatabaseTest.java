package vn.chidao.embeddeddb;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

public class EmbeddedDatabaseTest {

    @Test(timeout = 180_000)
    public void startsAfterKill9OfItsOwnerWithVietnameseDatabaseAndKeepsData() throws Exception {
        Path data = Paths.get("target", "epg-test");
        if (Files.exists(data)) {
            try (var walk = Files.walk(data)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(data);
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
        EmbeddedPostgres first = EmbeddedDatabase.start(data, port);
        String password = EmbeddedDatabase.password(data);
        org.junit.Assert.assertNotNull("a production cluster has a generated superuser password", password);
        assertEquals("[OWNER_READ, OWNER_WRITE]", new java.util.TreeSet<>(Files.getPosixFilePermissions(
                data.resolve(EmbeddedDatabase.PASSWORD_FILE))).toString());
        // no trust authentication: without the password, connecting is refused
        org.postgresql.ds.PGSimpleDataSource noPassword = new org.postgresql.ds.PGSimpleDataSource();
        noPassword.setServerNames(new String[] {"127.0.0.1"});
        noPassword.setPortNumbers(new int[] {port});
        noPassword.setUser("postgres");
        try (Connection c = noPassword.getConnection()) {
            org.junit.Assert.fail("connected without a password");
        } catch (java.sql.SQLException expected) {
            org.junit.Assert.assertTrue(expected.getMessage(), expected.getMessage().contains("password"));
        }
        try (HikariDataSource ds = EmbeddedDatabase.createDatabaseAndPool(first, "chidao", 2, password);
             Connection c = ds.getConnection(); Statement s = c.createStatement()) {
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
            s.execute("CREATE EXTENSION IF NOT EXISTS unaccent");
            try (ResultSet rs = s.executeQuery("SELECT unaccent('Nghị quyết Đắk Nông')")) {
                rs.next();
                assertEquals("Nghi quyet Dak Nong", rs.getString(1));
            }
        }
        first.close();
        EmbeddedPostgres second = EmbeddedDatabase.start(data, port);
        try (Connection c = second.getDatabase("postgres", "chidao").getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'"
                     + " AND current_setting('fsync') = 'on' AND current_setting('synchronous_commit') = 'on'")) {
            rs.next();
            assertEquals("data survived the restart, durable settings on", 1, rs.getInt(1));
        } finally {
            second.close();
        }
    }
}
