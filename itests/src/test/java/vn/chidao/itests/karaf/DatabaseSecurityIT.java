package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.service.cm.ConfigurationAdmin;

import vn.chidao.itests.support.Http;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.journal.JournalEntry;
import vn.chidao.platform.api.journal.Verification;

/**
 * Least privilege in the database (issue 13, item 5): the node connects as a role that owns the module
 * schemas but is no superuser; through that connection the journal is append-only; and a database
 * rewrite hidden by deleting the node's checkpoint file is caught by the copy in the second place.
 */
public class DatabaseSecurityIT extends ChidaoTestSupport {

    @Inject
    @Filter("(osgi.jndi.service.name=chidao)")
    DataSource dataSource;

    @Inject
    ConfigurationAdmin configAdmin;

    @Test(timeout = 60_000)
    public void theNodeConnectsAsTheSchemaOwnerWhichIsNoSuperuser() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls"
                    + " FROM pg_roles WHERE rolname = current_user")) {
                assertTrue(rs.next());
                assertFalse("the application's role is a superuser", rs.getBoolean(1));
                for (int i = 2; i <= 5; i++) {
                    assertFalse("role attribute " + rs.getMetaData().getColumnName(i), rs.getBoolean(i));
                }
            }
            // every schema the migrations extender made (each has its Flyway history) is this role's own
            try (ResultSet rs = s.executeQuery("SELECT string_agg(n.nspname || ':' || pg_get_userbyid(n.nspowner), ',' ORDER BY 1),"
                    + " bool_and(n.nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user))"
                    + " FROM pg_namespace n JOIN pg_class t ON t.relnamespace = n.oid AND t.relname = 'flyway_schema_history'")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1), rs.getString(1).contains("platform:") && rs.getString(1).contains("account:"));
                assertTrue("schemas and their owners: " + rs.getString(1), rs.getBoolean(2));
            }
        }
    }

    @Test(timeout = 60_000)
    public void theJournalRefusesUpdateDeleteAndTruncateThroughTheNodesOwnConnection() throws Exception {
        JournalEntry entry = journal().append(new JournalDraft(Ids.newId(), "tester", "itest.append-only", null, Map.of("n", 1)));
        List<String> accepted = new ArrayList<>();
        for (String change : List.of(
                "UPDATE platform.journal SET payload = '{}'::jsonb WHERE id = '" + entry.id() + "'",
                "DELETE FROM platform.journal WHERE id = '" + entry.id() + "'",
                "TRUNCATE platform.journal CASCADE",
                "DELETE FROM platform.journal_position WHERE seq = (SELECT seq FROM platform.journal WHERE id = '" + entry.id() + "')",
                "TRUNCATE platform.journal_position",
                "DELETE FROM platform.journal_head WHERE agency_id = '" + entry.agencyId() + "'")) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(change);
                accepted.add(change);
            } catch (SQLException refused) {
                assertEquals(change + ": " + refused.getMessage(), "42501", refused.getSQLState());
            }
        }
        assertEquals("changes the node's own connection could make to the journal", List.of(), accepted);
        Verification v = journal().verify();
        assertTrue(v.reason(), v.ok());
    }

    @Test(timeout = 120_000)
    public void aRewriteHiddenByDeletingTheNodesCheckpointIsCaughtByTheCopy() throws Exception {
        Path share = Files.createTempDirectory("checkpoint-share");
        Path copy = share.resolve("checkpoint-" + System.getProperty("karaf.name", "chidao").replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        String admin = adminToken();
        setCopyDir(share.toString());
        try {
            assertTrue("the journal service restarted with the copy place and filled it",
                    Http.await(Duration.ofSeconds(30), () -> journal() != null && Files.exists(copy)));
            ready(); // the platform's endpoints restarted with the journal service
            Journal journal = journal();
            UUID agency = Ids.newId();
            List<JournalEntry> entries = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                entries.add(journal.append(new JournalDraft(agency, "tester", "itest.step", "s-" + i, Map.of("b", i))));
            }
            Path node = journal.checkpoint();
            assertEquals("the copy holds the same checkpoint", Files.readString(node), Files.readString(copy));
            // behind the system's back: the two newest entries go, the head is rewound, the node's file deleted
            BehindTheBack.sql("CREATE TABLE IF NOT EXISTS public.itest_security_backup (LIKE platform.journal)");
            BehindTheBack.sql("DELETE FROM public.itest_security_backup");
            String newest = "agency_id = '" + agency + "' AND chain_seq > 4";
            BehindTheBack.sql("INSERT INTO public.itest_security_backup SELECT * FROM platform.journal WHERE " + newest);
            BehindTheBack.sql("DELETE FROM platform.journal WHERE " + newest);
            BehindTheBack.sql("UPDATE platform.journal_head SET chain_seq = 4, hash = '" + entries.get(3).hash()
                    + "' WHERE agency_id = '" + agency + "'");
            Files.delete(node);
            try {
                Verification v = journal.verify();
                assertFalse("rewrite plus deleted checkpoint passed verification", v.ok());
                assertEquals(agency, v.agencyId());
                assertEquals(Long.valueOf(5), v.chainSeq());
                assertTrue(v.reason(), v.reason().contains("newest entries missing") && v.reason().contains("saw 6"));
                assertTrue(v.reason(), v.reason().contains("The node's checkpoint " + node + " is missing"));
                Http.Res rest = http.get("/api/v1/journal/verify", admin);
                assertEquals(rest.body(), 409, rest.status());
                assertTrue(rest.body(), rest.body().contains("saw 6") && rest.body().contains("is missing"));
                expectError("Journal verification failed, checkpoint kept as it was");
                journal.checkpoint();
                assertFalse("a checkpoint refused to bless the shortened chain", Files.exists(node));
            } finally {
                BehindTheBack.sql("INSERT INTO platform.journal OVERRIDING SYSTEM VALUE SELECT * FROM public.itest_security_backup");
                BehindTheBack.sql("UPDATE platform.journal_head SET chain_seq = 6, hash = '" + entries.get(5).hash()
                        + "' WHERE agency_id = '" + agency + "'");
            }
            // the chain is whole again, but the node's file is still gone: said so
            Verification repaired = journal.verify();
            assertFalse(repaired.ok());
            assertNull(repaired.agencyId());
            assertTrue(repaired.reason(), repaired.reason().startsWith("Thiếu bản kiểm chứng của nút")
                    && repaired.reason().contains("The node's checkpoint " + node + " is missing"));
            journal.checkpoint();
            assertTrue(Files.exists(node));
            assertTrue(journal.verify().reason(), journal.verify().ok());
        } finally {
            setCopyDir(null);
        }
        Files.deleteIfExists(copy);
        assertTrue("the journal service runs without the copy place again", Http.await(Duration.ofSeconds(30),
                () -> journal() != null && journal().verify().ok()));
        ready();
    }

    /** The journal service registered now (it restarts when its configuration changes); null in between. */
    private Journal journal() {
        org.osgi.framework.ServiceReference<Journal> ref = bundleContext.getServiceReference(Journal.class);
        return ref == null ? null : bundleContext.getService(ref);
    }

    /** Sets (or with null removes) {@code checkpointCopyDir}; the journal service restarts with it. */
    private void setCopyDir(String dir) throws Exception {
        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration("vn.chidao.journal", null);
        Dictionary<String, Object> props = cfg.getProperties();
        if (props == null) {
            props = new java.util.Hashtable<>();
        }
        if (dir == null) {
            props.remove("checkpointCopyDir");
        } else {
            props.put("checkpointCopyDir", dir);
        }
        cfg.update(props);
    }
}
