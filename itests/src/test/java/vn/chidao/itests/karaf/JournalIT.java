package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

import vn.chidao.itests.support.Http;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.journal.JournalEntry;
import vn.chidao.platform.api.journal.Verification;

/**
 * The journal inside module transactions, its chains under concurrency, and tampering done directly in
 * PostgreSQL behind the system's back. Each test uses its own agency chain and repairs what it broke.
 */
public class JournalIT extends ChidaoTestSupport {

    @Inject
    Journal journal;

    @Inject
    @Filter("(osgi.jndi.service.name=chidao)")
    DataSource dataSource;

    private List<JournalEntry> chain(UUID agency, int n) {
        List<JournalEntry> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("trích yếu", "Về việc triển khai Nghị quyết số " + i + "-NQ/TU");
            payload.put("b", i);
            payload.put("a", Map.of("z", true, "y", List.of(1, 2.5, "ba")));
            out.add(journal.append(new JournalDraft(agency, "tester", "itest.step", "s-" + i, payload)));
        }
        return out;
    }

    @Test(timeout = 60_000)
    public void entryIsWrittenOnlyWhenTheModuleTransactionCommits() throws Exception {
        UUID agency = Ids.newId();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            journal.append(c, new JournalDraft(agency, "tester", "itest.rolled-back", null, Map.of()));
            c.rollback();
        }
        assertEquals(0, count(agency));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            JournalEntry e = journal.append(c, new JournalDraft(agency, "tester", "itest.committed", null, Map.of()));
            c.commit();
            assertEquals(1, e.chainSeq());
        }
        assertEquals(1, count(agency));
        assertTrue(journal.verify().ok());
    }

    @Test(timeout = 120_000)
    public void concurrentAppendsNeverForkAChain() throws Exception {
        UUID one = Ids.newId();
        UUID two = Ids.newId();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            UUID agency = i % 2 == 0 ? one : two;
            int n = i;
            all.add(pool.submit(() -> journal.append(new JournalDraft(agency, "t" + n, "itest.concurrent", null, Map.of("n", n)))));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        for (UUID agency : List.of(one, two)) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*), count(DISTINCT chain_seq), min(chain_seq), max(chain_seq), count(DISTINCT prev_hash)"
                            + " FROM platform.journal WHERE agency_id = ?")) {
                ps.setObject(1, agency);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(200, rs.getInt(1));
                    assertEquals(200, rs.getInt(2));
                    assertEquals(1, rs.getInt(3));
                    assertEquals(200, rs.getInt(4));
                    assertEquals("every entry links to a different predecessor", 200, rs.getInt(5));
                }
            }
        }
        Verification v = journal.verify();
        assertTrue(v.reason(), v.ok());
    }

    @Test(timeout = 60_000)
    public void editedMiddleRowIsNamed() throws Exception {
        UUID agency = Ids.newId();
        List<JournalEntry> entries = chain(agency, 5);
        JournalEntry victim = entries.get(2);
        String original = payloadText(victim.id());
        String token = adminToken();
        sql("UPDATE platform.journal SET payload = jsonb_set(payload, '{b}', '999') WHERE id = '" + victim.id() + "'");
        try {
            Verification v = journal.verify();
            assertFalse(v.ok());
            assertEquals(agency, v.agencyId());
            assertEquals(Long.valueOf(3), v.chainSeq());
            assertEquals(victim.id(), v.entryId());
            assertTrue(v.reason(), v.reason().contains("content"));
            // the REST view, admin only, names the same entry
            Http.Res r = http.get("/api/v1/journal/verify", token);
            assertEquals(409, r.status());
            assertTrue(r.body(), r.body().contains(victim.id().toString()));
        } finally {
            sql("UPDATE platform.journal SET payload = '" + original.replace("'", "''") + "'::jsonb WHERE id = '" + victim.id() + "'");
        }
        assertTrue(journal.verify().ok());
    }

    @Test(timeout = 60_000)
    public void reorderedKeysInAPayloadAreNoFalseAlarm() throws Exception {
        UUID agency = Ids.newId();
        JournalEntry e = chain(agency, 2).get(1);
        // the same JSON written with keys in another order (and other spacing): the canonical form is equal
        sql("UPDATE platform.journal SET payload = '{\"a\": {\"y\": [1, 2.5, \"ba\"], \"z\": true}, \"b\": 2,"
                + " \"trích yếu\": \"Về việc triển khai Nghị quyết số 2-NQ/TU\"}'::jsonb WHERE id = '" + e.id() + "'");
        Verification v = journal.verify();
        assertTrue(v.reason(), v.ok());
    }

    @Test(timeout = 60_000)
    public void deletedMiddleRowIsNamed() throws Exception {
        UUID agency = Ids.newId();
        List<JournalEntry> entries = chain(agency, 5);
        deleteJournalRows("id = '" + entries.get(1).id() + "'");
        try {
            Verification v = journal.verify();
            assertFalse(v.ok());
            assertEquals(agency, v.agencyId());
            assertEquals(Long.valueOf(2), v.chainSeq());
            assertTrue(v.reason(), v.reason().contains("missing"));
        } finally {
            restore();
        }
        assertTrue(journal.verify().ok());
    }

    @Test(timeout = 60_000)
    public void deletedNewestRowsAreDetectedEvenWithTheHeadRewound() throws Exception {
        UUID agency = Ids.newId();
        List<JournalEntry> entries = chain(agency, 6);
        Path checkpoint = journal.checkpoint();
        assertTrue(Files.exists(checkpoint));
        Path copiedAway = Files.copy(checkpoint, Files.createTempFile("checkpoint", ".json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        deleteJournalRows("agency_id = '" + agency + "' AND chain_seq > 4");
        try {
            tamperedTail(agency, entries, copiedAway);
        } finally {
            restore();
            sql("UPDATE platform.journal_head SET chain_seq = 6, hash = '" + entries.get(5).hash() + "' WHERE agency_id = '"
                    + agency + "'");
        }
        assertTrue(journal.verify().reason(), journal.verify().ok());
    }

    private void tamperedTail(UUID agency, List<JournalEntry> entries, Path copiedAway) throws SQLException {
        // 1. rows gone, head row untouched: the head names the gap
        Verification byHead = journal.verify();
        assertFalse(byHead.ok());
        assertEquals(Long.valueOf(5), byHead.chainSeq());
        // 2. a careful attacker rewinds the head too: only the signed checkpoint outside the database tells
        sql("UPDATE platform.journal_head SET chain_seq = 4, hash = '" + entries.get(3).hash() + "' WHERE agency_id = '"
                + agency + "'");
        Verification byCheckpoint = journal.verify();
        assertFalse(byCheckpoint.ok());
        assertEquals(agency, byCheckpoint.agencyId());
        assertEquals(Long.valueOf(5), byCheckpoint.chainSeq());
        assertNull(byCheckpoint.entryId());
        assertTrue(byCheckpoint.reason(), byCheckpoint.reason().contains("checkpoint"));
        // the copy the admin kept elsewhere says the same
        assertFalse(journal.verify(copiedAway).ok());
        // a new checkpoint refuses to bless the shortened chain (and says so in the log)
        expectError("Journal verification failed, checkpoint kept as it was");
        journal.checkpoint();
        assertFalse(journal.verify().ok());
    }

    @Test(timeout = 60_000)
    public void alteredChainHeadIsDetected() throws Exception {
        UUID agency = Ids.newId();
        List<JournalEntry> entries = chain(agency, 2);
        sql("UPDATE platform.journal_head SET hash = '" + "f".repeat(64) + "' WHERE agency_id = '" + agency + "'");
        try {
            Verification v = journal.verify();
            assertFalse(v.ok());
            assertEquals(agency, v.agencyId());
            assertTrue(v.reason(), v.reason().contains("head"));
        } finally {
            sql("UPDATE platform.journal_head SET hash = '" + entries.get(1).hash() + "' WHERE agency_id = '" + agency + "'");
        }
        assertTrue(journal.verify().ok());
    }

    @Test(timeout = 60_000)
    public void forgedCheckpointIsRefused() throws Exception {
        chain(Ids.newId(), 1);
        Path cp = journal.checkpoint();
        Path forged = Files.createTempFile("forged", ".json");
        Files.writeString(forged, Files.readString(cp).replaceFirst("\"node\" : \"[^\"]*\"", "\"node\" : \"forged\""));
        try {
            journal.verify(forged);
            org.junit.Assert.fail("a checkpoint with a broken signature must be refused");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("signature"));
        }
    }

    @Inject
    org.osgi.service.cm.ConfigurationAdmin configAdmin;

    @Inject
    vn.chidao.platform.api.ChidaoClock clock;

    @Test(timeout = 60_000)
    public void businessTimeIsSettableAndInVietnamWhateverTheJvmZone() throws Exception {
        java.time.Instant newYearsEveInVietnam = java.time.Instant.parse("2026-12-31T17:30:00Z");
        assertEquals("the container runs far from +07:00", "America/New_York", java.util.TimeZone.getDefault().getID());
        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration("vn.chidao.clock", null);
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("fixed", newYearsEveInVietnam.toString());
        cfg.update(props);
        try {
            assertTrue(Http.await(java.time.Duration.ofSeconds(10), () -> clock.now().equals(newYearsEveInVietnam)));
            // 00:30 on 1 January in Hanoi, still 31 December in New York and in UTC
            assertEquals(java.time.LocalDate.of(2027, 1, 1), clock.today());
            JournalEntry e = journal.append(new JournalDraft(Ids.newId(), "tester", "itest.clock", null, Map.of()));
            assertEquals(newYearsEveInVietnam, e.occurredAt());
        } finally {
            cfg.delete();
        }
        assertTrue(Http.await(java.time.Duration.ofSeconds(10),
                () -> Math.abs(clock.now().toEpochMilli() - System.currentTimeMillis()) < 5_000));
    }

    @Inject
    org.apache.karaf.shell.api.console.SessionFactory shell;

    private String execute(String command) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        org.apache.karaf.shell.api.console.Session session = shell.create(new java.io.ByteArrayInputStream(new byte[0]), out, out);
        // as a Karaf administrator: chidao:* commands are restricted to the admin role
        javax.security.auth.Subject admin = new javax.security.auth.Subject();
        admin.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.UserPrincipal("admin"));
        admin.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal("admin"));
        Object result = javax.security.auth.Subject.doAs(admin,
                (java.security.PrivilegedExceptionAction<Object>) () -> session.execute(command));
        out.flush();
        session.close();
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8) + (result == null ? "" : result);
    }

    @Test(timeout = 60_000)
    public void shellCommandsAreForAdministratorsOnly() throws Exception {
        org.apache.karaf.shell.api.console.Session session = shell.create(new java.io.ByteArrayInputStream(new byte[0]),
                System.out, System.err);
        try {
            session.execute("chidao:journal-verify");
            org.junit.Assert.fail("a session without the admin role must not see chidao commands");
        } catch (Exception expected) {
            assertTrue(expected.toString(), expected.getClass().getSimpleName().contains("CommandNotFound"));
        } finally {
            session.close();
        }
    }

    @Test(timeout = 60_000)
    public void shellCommandsVerifyTailAndCheckpoint() throws Exception {
        UUID agency = Ids.newId();
        List<JournalEntry> entries = chain(agency, 3);
        String verify = execute("chidao:journal-verify");
        assertTrue(verify, verify.startsWith("OK: "));
        String tail = execute("chidao:journal-tail -n 3 --agency " + agency);
        assertTrue(tail, tail.contains("Hành động") && tail.contains("itest.step") && tail.contains("tester"));
        assertTrue("dates in dd/MM/yyyy: " + tail, tail.matches("(?s).*\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}.*"));
        String checkpoint = execute("chidao:journal-checkpoint");
        assertTrue(checkpoint, checkpoint.contains("checkpoint-latest.json"));
        String modules = execute("chidao:modules");
        assertTrue(modules, modules.contains("testmodule") && modules.contains("READY"));
        String original = payloadText(entries.get(1).id());
        sql("UPDATE platform.journal SET payload = '{}'::jsonb WHERE id = '" + entries.get(1).id() + "'");
        try {
            String broken = execute("chidao:journal-verify");
            assertTrue(broken, broken.startsWith("BROKEN: agency " + agency + ", entry 2 (" + entries.get(1).id() + ")"));
        } finally {
            sql("UPDATE platform.journal SET payload = '" + original.replace("'", "''") + "'::jsonb WHERE id = '"
                    + entries.get(1).id() + "'");
        }
    }

    @Test(timeout = 120_000)
    public void shellVerifyNamesAMissingAndAStaleCheckpoint() throws Exception {
        chain(Ids.newId(), 1);
        Path checkpoint = journal.checkpoint();
        Path kept = Files.copy(checkpoint, Files.createTempFile("checkpoint", ".json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(checkpoint);
        try {
            // two hours on: beyond the suite's interval (3600 s) plus the grace (300 s)
            clock(null, 2 * 3600);
            String missing = execute("chidao:journal-verify");
            assertTrue(missing, missing.startsWith("BROKEN: Không có bản kiểm chứng nào")
                    && missing.contains("No checkpoint found") && missing.contains("older than 3900 s"));
            Files.copy(kept, checkpoint);
            String stale = execute("chidao:journal-verify");
            assertTrue(stale, stale.startsWith("BROKEN: Bản kiểm chứng mới nhất")
                    && stale.contains("is older than 3900 s (interval + grace)"));
        } finally {
            clock(null, 0);
            if (!Files.exists(checkpoint)) {
                Files.copy(kept, checkpoint);
            }
        }
        String verify = execute("chidao:journal-verify");
        assertTrue(verify, verify.startsWith("OK: "));
    }

    /** Deletes journal rows behind the system's back, keeping a copy for {@link #restore()}. */
    private void deleteJournalRows(String where) throws SQLException {
        sql("CREATE TABLE IF NOT EXISTS public.itest_backup (LIKE platform.journal)");
        sql("DELETE FROM public.itest_backup");
        sql("INSERT INTO public.itest_backup SELECT * FROM platform.journal WHERE " + where);
        sql("DELETE FROM platform.journal WHERE " + where);
    }

    private void restore() throws SQLException {
        sql("INSERT INTO platform.journal OVERRIDING SYSTEM VALUE SELECT * FROM public.itest_backup");
        sql("DELETE FROM public.itest_backup");
    }

    private String payloadText(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload::text FROM platform.journal WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int count(UUID agency) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM platform.journal WHERE agency_id = '" + agency + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The node's own connection may not change the journal: tampering needs the superuser. */
    private void sql(String statement) throws SQLException {
        BehindTheBack.sql(statement);
    }

}
