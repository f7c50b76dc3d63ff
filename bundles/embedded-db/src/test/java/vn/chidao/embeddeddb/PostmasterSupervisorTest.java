package vn.chidao.embeddeddb;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

public class PostmasterSupervisorTest {

    @Test(timeout = 120_000)
    public void restartsAKilledPostmasterOnTheSameDataAndSaysSo() throws Exception {
        Path data = Paths.get("target", "epg-supervised");
        if (Files.exists(data)) {
            try (var walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(data);
        int port = 55498;
        try (EmbeddedPostgres pg = EmbeddedDatabase.start(data, port, false)) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (n int)");
                s.execute("INSERT INTO kept VALUES (1), (2)");
                // test clusters run with synchronous_commit off: make the rows durable before the crash
                s.execute("CHECKPOINT");
            }
            PostmasterSupervisor supervisor = new PostmasterSupervisor(data.resolve("pgdata"),
                    data.resolve("postgresql.log"), 100);
            supervisor.start();
            try {
                long first = supervisor.pid();
                assertEquals("RUNNING", supervisor.get().get("state"));
                new ProcessBuilder("kill", "-9", Long.toString(first)).start().waitFor();
                assertTrue("noticed as down", await(() -> !"RUNNING".equals(supervisor.get().get("state"))));
                Map<String, Object> down = supervisor.get();
                assertNotEquals(null, down.get("lastFailureAt"));
                assertTrue(await(() -> "RUNNING".equals(supervisor.get().get("state"))));
                Map<String, Object> up = supervisor.get();
                assertEquals(1, up.get("restarts"));
                assertEquals(0, up.get("failedAttempts"));
                assertNull(up.get("reason"));
                assertNotEquals(first, supervisor.pid());
                assertTrue(supervisor.alive());
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
                    rs.next();
                    assertEquals("committed rows survive the crash", 2, rs.getInt(1));
                }
            } finally {
                supervisor.stop();
            }
            assertEquals("STOPPED", supervisor.get().get("state"));
        }
    }

    @Test
    public void backsOffFromOneToThirtySeconds() {
        assertEquals(1, PostmasterSupervisor.backoffSeconds(1));
        assertEquals(2, PostmasterSupervisor.backoffSeconds(2));
        assertEquals(16, PostmasterSupervisor.backoffSeconds(5));
        assertEquals(30, PostmasterSupervisor.backoffSeconds(6));
        assertEquals(30, PostmasterSupervisor.backoffSeconds(40));
    }

    @Test
    public void readsWhyTheServerStoppedFromItsLog() {
        String diskFull = """
                2026-12-07 10:00:00.000 UTC [12] ERROR:  duplicate key value violates unique constraint "x"
                2026-12-07 10:00:01.000 UTC [13] PANIC:  could not write to file "pg_wal/xlogtemp.13": No space left on device
                2026-12-07 10:00:01.100 UTC [1] LOG:  server process (PID 13) was terminated by signal 6: Aborted
                """;
        assertEquals("disk-full", Reasons.fromLog(diskFull)[0]);
        assertTrue(Reasons.fromLog(diskFull)[1].contains("No space left on device"));
        assertEquals("port-in-use", Reasons.fromLog("""
                LOG:  could not bind IPv4 address "127.0.0.1": Address already in use
                FATAL:  could not create any TCP/IP sockets
                """)[0]);
        assertEquals("old-processes-running", Reasons.fromLog(
                "FATAL:  pre-existing shared memory block (key 5432001, ID 7) is still in use")[0]);
        assertNull("statement errors are no reason", Reasons.fromLog("ERROR:  relation \"x\" does not exist\n"));
        assertNull(Reasons.fromLog(""));
        assertNull("what backends say when the postmaster is killed is no reason", Reasons.fromLog(
                "FATAL:  terminating connection due to unexpected postmaster exit\n"));
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
