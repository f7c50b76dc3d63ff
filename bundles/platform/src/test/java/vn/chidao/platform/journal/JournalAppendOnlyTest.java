package vn.chidao.platform.journal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.chidao.embeddeddb.EmbeddedDatabase;
import vn.chidao.embeddeddb.OwnerRole;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.migration.SchemaMigrator;

/**
 * The platform's migrations run as a database owner that is not a superuser, and the journal they
 * make is append-only for that owner (privileges) and for the superuser too (trigger).
 */
public class JournalAppendOnlyTest {

    @Test(timeout = 120_000)
    public void platformMigratesAsNonSuperuserOwnerAndTheJournalRefusesChanges() throws Exception {
        Path data = Path.of("target", "append-only-pg");
        if (Files.exists(data)) {
            try (var walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (EmbeddedPostgres pg = EmbeddedDatabase.start(data, 55495, false)) {
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                OwnerRole.ensure(c, "chidao", "owner-password");
            }
            EmbeddedDatabase.createDatabase(pg, "chidao", "chidao");
            DataSource owner = dataSource(pg, "chidao");
            SchemaMigrator.Outcome outcome = SchemaMigrator.migrate(owner, getClass().getClassLoader(), "db/platform");
            assertTrue("the append-only migration (V5) ran", Integer.parseInt(outcome.version()) >= 5);
            try (Connection c = owner.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertFalse("the owner has no superuser, CREATEROLE or CREATEDB", rs.getBoolean(1));
            }
            JournalStore store = new JournalStore(owner, () -> Instant.now().truncatedTo(ChronoUnit.MICROS));
            UUID agency = UUID.randomUUID();
            store.append(new JournalDraft(agency, "tester", "test.one", null, Map.of("n", 1)));
            store.append(new JournalDraft(agency, "tester", "test.two", null, Map.of("n", 2)));
            for (String change : new String[] {"UPDATE platform.journal SET actor = 'x'", "DELETE FROM platform.journal",
                    "TRUNCATE platform.journal CASCADE", "UPDATE platform.journal_position SET seq = seq",
                    "DELETE FROM platform.journal_position", "TRUNCATE platform.journal_position",
                    "DELETE FROM platform.journal_head", "TRUNCATE platform.journal_head"}) {
                refused(owner, change);
            }
            // the trigger holds even for the superuser, unless triggers are switched off on purpose
            refused(dataSource(pg, "postgres"), "DELETE FROM platform.journal WHERE chain_seq = 2");
            // appending (which moves the head) still works, and nothing was lost
            store.append(new JournalDraft(agency, "tester", "test.three", null, Map.of("n", 3)));
            assertTrue(store.verify(null).reason(), store.verify(null).ok());
            assertEquals(3, store.verify(null).entriesChecked());
        }
    }

    private static void refused(DataSource ds, String change) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(change);
            fail("accepted: " + change);
        } catch (SQLException expected) {
            assertEquals(change + ": " + expected.getMessage(), "42501", expected.getSQLState());
        }
    }

    private static DataSource dataSource(EmbeddedPostgres pg, String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {pg.getPort()});
        ds.setDatabaseName("chidao");
        ds.setUser(user);
        return ds;
    }
}
