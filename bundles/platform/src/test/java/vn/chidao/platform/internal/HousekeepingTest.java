package vn.chidao.platform.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;

import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.chidao.embeddeddb.EmbeddedDatabase;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.migration.SchemaMigrator;

/** Against a real PostgreSQL with the platform schema: only what is past its retention goes. */
public class HousekeepingTest {

    @Test(timeout = 120_000)
    public void purgesEndedSessionsAndOldIdempotencyAnswersOnly() throws Exception {
        Path data = Path.of("target", "housekeeping-pg");
        if (Files.exists(data)) {
            try (var walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (EmbeddedPostgres pg = EmbeddedDatabase.start(data, 55498, false)) {
            EmbeddedDatabase.createDatabase(pg, "chidao");
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {"127.0.0.1"});
            ds.setPortNumbers(new int[] {pg.getPort()});
            ds.setDatabaseName("chidao");
            ds.setUser("postgres");
            SchemaMigrator.migrate(ds, HousekeepingTest.class.getClassLoader(), "db/platform");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                String u = "'01a2176e-6cd7-7fd8-9a6c-db38692a5885'";
                s.execute("INSERT INTO platform.session VALUES"
                        + " ('ended-long-ago', " + u + ", '2026-11-01Z', '2026-11-01Z', '2026-11-02Z', NULL),"
                        + " ('revoked-long-ago', " + u + ", '2026-11-20Z', '2026-11-20Z', '2026-12-20Z', '2026-11-20Z'),"
                        + " ('revoked-just-now', " + u + ", '2026-11-26Z', '2026-11-26Z', '2026-11-27Z', '2026-11-26T09:00Z'),"
                        + " ('alive', " + u + ", '2026-11-26Z', '2026-11-26Z', '2026-11-27Z', NULL)");
                s.execute("INSERT INTO platform.idempotency (principal, key, request_hash, created_at) VALUES"
                        + " ('p', 'old', 'h', '2026-11-10Z'), ('p', 'recent', 'h', '2026-11-25Z')");
            }
            Housekeeping h = new Housekeeping(ds, () -> Instant.parse("2026-11-26T10:00:00Z"), new SchemaReady() {
                @Override
                public String schema() {
                    return "platform";
                }

                @Override
                public String version() {
                    return "1";
                }
            });
            try {
                assertArrayEquals(new int[] {2, 1}, h.purge());
                assertArrayEquals("idempotent", new int[] {0, 0}, h.purge());
            } finally {
                h.deactivate();
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT string_agg(token_hash, ',' ORDER BY token_hash),"
                         + " (SELECT string_agg(key, ',') FROM platform.idempotency) FROM platform.session")) {
                rs.next();
                assertEquals("alive,revoked-just-now", rs.getString(1));
                assertEquals("recent", rs.getString(2));
            }
        }
    }
}
