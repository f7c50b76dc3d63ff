package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.AfterClass;
import org.junit.Test;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.KarafProcess;

/**
 * The zero-setup default exactly as operators get it: no datasource configured, so the distribution
 * runs its own PostgreSQL 17 under data/, keeps it across restarts, and survives kill -9 of Karaf. The
 * node connects as a non-superuser owner role; no superuser password is left in data/.
 */
public class EmbeddedDatabaseIT {

    private static KarafProcess node;

    @AfterClass
    public static void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
    }

    @Test(timeout = 300_000)
    public void embeddedPostgresStartsKeepsDataAndSurvivesKill9() throws Exception {
        node = KarafProcess.unpack("embedded", 0).start();
        double firstBoot = node.awaitUp(Duration.ofSeconds(120));
        Http http = node.http();
        Http.Res health = http.get("/api/v1/health", null);
        assertTrue(health.body(), health.body().contains("\"mode\":\"embedded\""));
        assertTrue(health.body(), health.body().contains("\"version\":\"17."));
        Path pgData = node.home.resolve("data/pgdata");
        assertTrue("PostgreSQL data lives under Karaf's data/", Files.exists(pgData.resolve("PG_VERSION")));
        assertTrue("SCRAM, not trust", Files.readString(pgData.resolve("pg_hba.conf")).matches("(?s).*\\nhost\\s+all\\s+all\\s+127\\.0\\.0\\.1/32\\s+scram-sha-256.*"));
        String password = KarafProcess.awaitPassword("first-admin-password.txt", node);
        // the account module takes the account over a moment after the platform is up
        assertTrue(Http.await(Duration.ofSeconds(60), () -> http.postJson("/api/v1/session",
                "{\"username\":\"admin\",\"password\":\"" + password + "\"}", null).status() == 200));
        assertLeastPrivilege(node);

        long postgres = postmasterPid(pgData);
        node.kill9();
        assertTrue("pg_ctl daemonised PostgreSQL: it outlives a kill -9 of Karaf", ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false));

        double restart = node.start().awaitUp(Duration.ofSeconds(120));
        assertTrue("the orphan was stopped", !ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false));
        long now = postmasterPid(pgData);
        assertLeastPrivilege(node);
        assertTrue(ProcessHandle.of(now).map(ProcessHandle::isAlive).orElse(false));
        // same data: the first administrator still exists and the one-time password still works (once the
        // account module, which owns the account now, is up again a few seconds after the platform)
        assertTrue(Http.await(Duration.ofSeconds(60), () -> http.postJson("/api/v1/session",
                "{\"username\":\"admin\",\"password\":\"" + password + "\"}", null).status() == 200));
        assertEquals("one administrator, created once", 1, Files.readAllLines(node.home.resolve("data/first-admin-password.txt")).stream().filter(l -> l.startsWith("password=")).count());
        System.out.printf("Embedded mode: first boot to UP %.1f s, restart after kill -9 to UP %.1f s%n", firstBoot, restart);
        assertEquals(List.of(), node.unexpectedErrors());
        node.stop();
        assertTrue("a clean stop also stops PostgreSQL", Http.await(Duration.ofSeconds(30),
                () -> !ProcessHandle.of(now).map(ProcessHandle::isAlive).orElse(false)));
    }

    /**
     * The superuser password was used to create the owner role and is not kept; the node connects as that
     * role (its generated password owner-only in data/), which owns the schemas but is no superuser.
     */
    private static void assertLeastPrivilege(KarafProcess node) throws Exception {
        assertFalse("no superuser password is kept in data/", Files.exists(node.home.resolve("data/pg-superuser-password")));
        Path app = node.home.resolve("data/pg-app-password");
        assertEquals("the generated database password is for the owner only", "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(app)));
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {55700});
        ds.setDatabaseName("chidao");
        ds.setUser("chidao");
        ds.setPassword(Files.readString(app).trim());
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb,"
                     + " (SELECT count(*) FROM pg_namespace WHERE nspname IN ('platform', 'account') AND nspowner = r.oid),"
                     + " (SELECT count(*) FROM pg_stat_activity WHERE application_name = 'chidao' AND usename <> current_user)"
                     + " FROM pg_roles r WHERE rolname = current_user")) {
            assertTrue(rs.next());
            assertFalse("the application's role is a superuser", rs.getBoolean(1));
            assertFalse(rs.getBoolean(2));
            assertFalse(rs.getBoolean(3));
            assertEquals("it owns the module schemas", 2, rs.getInt(4));
            assertEquals("the node's pool connects as that role", 0, rs.getInt(5));
        }
    }

    static long postmasterPid(Path pgData) throws Exception {
        return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
    }
}
