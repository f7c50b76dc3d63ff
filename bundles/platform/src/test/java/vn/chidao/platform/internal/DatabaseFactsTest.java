package vn.chidao.platform.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Set;

import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.chidao.embeddeddb.EmbeddedDatabase;

/**
 * Health's view of the server on every supported version: the catalogue answers as PostgreSQL 14, 15,
 * 16 and 17 give them, and the query itself against a real PostgreSQL 17 (the process-level
 * DistributionPostgresIT runs it against Debian's PostgreSQL 15).
 */
public class DatabaseFactsTest {

    private static final DatabaseFacts.Server COMPLETE = new DatabaseFacts.Server(true, true, true, true);

    @Test
    public void postgres17ReadsDatlocale() {
        DatabaseFacts f = DatabaseFacts.of("17.6", 170006, "UTF8", "i", "vi-VN", "C", COMPLETE);
        assertEquals("icu", f.localeProvider());
        assertEquals("vi-VN", f.locale());
        assertEquals(Set.of(), f.noticeCodes());
    }

    @Test
    public void postgres15And16ReadDaticulocale() {
        for (String v : new String[] {"15.18 (Debian 15.18-0+deb12u1)", "16.10 (Ubuntu 16.10-0ubuntu0.24.04.1)"}) {
            DatabaseFacts f = DatabaseFacts.of(v, v.startsWith("15") ? 150018 : 160010, "UTF8", "i", "vi-VN", "C.UTF-8", COMPLETE);
            assertEquals("icu", f.localeProvider());
            assertEquals("vi-VN", f.locale());
            assertEquals(v, Set.of(), f.noticeCodes());
        }
    }

    @Test
    public void postgres14HasNoIcuDefaultAndSaysWhatToDoWithoutFailing() {
        DatabaseFacts f = DatabaseFacts.of("14.19 (Ubuntu 14.19-0ubuntu0.22.04.1)", 140019, "UTF8", null, null, "C.UTF-8", COMPLETE);
        assertEquals("libc", f.localeProvider());
        assertEquals("C.UTF-8", f.locale());
        assertEquals(Set.of("icu-default-unavailable"), f.noticeCodes());
        DatabaseFacts.Notice n = f.notices().get(0);
        assertTrue(n.en(), n.en().contains("upgrade to PostgreSQL 15") && n.en().contains("ICU_LOCALE 'vi-VN'"));
        assertTrue(n.vi(), n.vi().contains("nâng cấp lên PostgreSQL 15"));
    }

    @Test
    public void libcDatabaseOnANewServerAndMissingPiecesAreNoticed() {
        DatabaseFacts f = DatabaseFacts.of("15.18", 150018, "LATIN1", "c", null, "en_US", new DatabaseFacts.Server(false, false, false, false));
        assertEquals(Set.of("encoding", "icu-default-missing", "icu-missing", "extensions-missing", "public-schema"), f.noticeCodes());
        assertTrue(f.notices().stream().filter(n -> n.code().equals("extensions-missing")).findFirst().orElseThrow()
                .en().contains("postgresql-contrib"));
        assertEquals(Set.of("unsupported-version", "icu-default-unavailable"),
                DatabaseFacts.of("13.22", 130022, "UTF8", null, null, "C", COMPLETE).noticeCodes());
        // extensions already created: neither the package nor public's privilege matters any more
        assertEquals(Set.of(), DatabaseFacts.of("16.10", 160010, "UTF8", "i", "vi-VN", "C",
                new DatabaseFacts.Server(false, true, true, false)).noticeCodes());
    }

    @Test(timeout = 120_000)
    public void theQueryRunsOnARealServerForIcuAndLibcDatabases() throws Exception {
        Path data = Path.of("target", "database-facts-pg");
        if (Files.exists(data)) {
            try (var walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (EmbeddedPostgres pg = EmbeddedDatabase.start(data, 55494, false)) {
            EmbeddedDatabase.createDatabase(pg, "icu");
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE plain ENCODING 'UTF8' LOCALE_PROVIDER libc LOCALE 'C' TEMPLATE template0");
            }
            DatabaseFacts icu = read(pg, "icu");
            assertTrue(icu.version(), icu.version().startsWith("17.") && icu.versionNumber() >= 170000);
            assertEquals("icu", icu.localeProvider());
            assertEquals("vi-VN", icu.locale());
            assertEquals("UTF8", icu.encoding());
            assertEquals(Set.of(), icu.noticeCodes());
            DatabaseFacts plain = read(pg, "plain");
            assertEquals("libc", plain.localeProvider());
            assertEquals("C", plain.locale());
            assertEquals(Set.of("icu-default-missing"), plain.noticeCodes());
        }
    }

    private static DatabaseFacts read(EmbeddedPostgres pg, String database) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {pg.getPort()});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        try (Connection c = ds.getConnection()) {
            return DatabaseFacts.read(c);
        }
    }
}
