package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.AfterClass;
import org.junit.Test;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.KarafProcess;
import vn.chidao.itests.support.TestDatabase;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.journal.JournalStore;

/**
 * Two Karaf nodes on one database: a journal consumer runs on exactly one of them; when that node is
 * killed (-9) the other takes over from the durable cursor and nothing is lost.
 */
public class TwoNodesIT {

    private static KarafProcess a;
    private static KarafProcess b;

    @AfterClass
    public static void stop() throws Exception {
        KarafProcess.stop(a, b);
    }

    @Test(timeout = 400_000)
    public void consumerRunsOnOneNodeAndMovesWhenItDies() throws Exception {
        String db = "chidao_nodes";
        DataSource ds = TestDatabase.dataSource(db);
        a = KarafProcess.unpack("node-a", 10).external(db).deploy(KarafProcess.artifact("chidao-testmodule", ".jar"))
                .set("etc/vn.chidao.journal.consumers.cfg", "consumerPollMillis", "300");
        b = KarafProcess.unpack("node-b", 20).external(db).deploy(KarafProcess.artifact("chidao-testmodule", ".jar"))
                .set("etc/vn.chidao.journal.consumers.cfg", "consumerPollMillis", "300");
        a.start();
        b.start();
        a.awaitUp(Duration.ofSeconds(150));
        b.awaitUp(Duration.ofSeconds(150));
        for (KarafProcess k : List.of(a, b)) {
            assertTrue(k.name + " runs the test module", Http.await(Duration.ofSeconds(60),
                    () -> k.http().get("/api/v1/modules", null).body().contains("testmodule")));
            assertTrue(k.http().get("/api/v1/health", null).body().contains("\"mode\":\"external\""));
        }
        JournalStore journal = new JournalStore(ds, () -> Instant.now().truncatedTo(ChronoUnit.MICROS));
        String tag = "two-nodes-" + Ids.newId();
        for (int i = 0; i < 20; i++) {
            journal.append(new JournalDraft(Ids.newId(), "tester", "itest.two-nodes", tag, Map.of("i", i)));
        }
        assertTrue("first batch consumed", Http.await(Duration.ofSeconds(60), () -> consumed(ds, tag) == 20));
        Set<String> nodes = nodes(ds, tag);
        assertEquals("exactly one node consumed: " + nodes, 1, nodes.size());
        KarafProcess active = nodes.contains("node-a") ? a : b;
        KarafProcess standby = active == a ? b : a;

        active.kill9();
        for (int i = 20; i < 40; i++) {
            journal.append(new JournalDraft(Ids.newId(), "tester", "itest.two-nodes", tag, Map.of("i", i)));
        }
        assertTrue("the surviving node takes over and catches up", Http.await(Duration.ofSeconds(90),
                () -> consumed(ds, tag) == 40));
        assertEquals(Set.of(active.name, standby.name), nodes(ds, tag));
        assertTrue(ownerOfCursor(ds).startsWith(standby.name + "/"));
        assertEquals(List.of(), standby.unexpectedErrors());
    }

    private static int consumed(DataSource ds, String tag) {
        return intQuery(ds, "SELECT count(*) FROM testmodule.consumed c JOIN platform.journal j ON j.id = c.entry_id"
                + " WHERE j.subject_id = '" + tag + "'");
    }

    private static Set<String> nodes(DataSource ds, String tag) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT DISTINCT c.node FROM testmodule.consumed c JOIN platform.journal j ON j.id = c.entry_id"
                        + " WHERE j.subject_id = '" + tag + "'")) {
            java.util.Set<String> out = new java.util.TreeSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static String ownerOfCursor(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT node FROM platform.journal_cursor WHERE consumer = 'testmodule.recorder'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int intQuery(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
