package vn.chidao.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.chidao.embeddeddb.EmbeddedDatabase;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.journal.Verification;
import vn.chidao.platform.journal.JournalStore;
import vn.chidao.platform.migration.SchemaMigrator;

/**
 * Journal throughput on a real embedded PostgreSQL 17, plain JVM (no OSGi). Three cases, one after the
 * other in the same run, each after its own warm-up: (a) appends into one agency chain, (b) appends
 * spread over many agencies, (c) the baseline: plain single-row INSERT transactions into
 * {@code bench.plain}, a copy of {@code platform.journal}'s shape without its trigger and head table.
 *
 * <p>System properties: {@code bench.seconds} (10), {@code bench.warmup} (3), {@code bench.threads} (16),
 * {@code bench.agencies} (50), {@code bench.maxCount} (per measured case, 2,000,000), {@code bench.out}
 * (output folder, default {@code bench/target} from the project root or {@code target} from bench/),
 * {@code bench.synchronousCommit} (unset: keep the embedded database's own setting).
 */
public final class JournalBench {

    public record Settings(double seconds, double warmupSeconds, int threads, int agencies, long maxCount, Path outDir,
                           String synchronousCommit, boolean durable) {

        public Settings(double seconds, double warmupSeconds, int threads, int agencies, long maxCount, Path outDir,
                        String synchronousCommit) {
            this(seconds, warmupSeconds, threads, agencies, maxCount, outDir, synchronousCommit, false);
        }

        public static Settings fromSystemProperties() {
            String out = System.getProperty("bench.out");
            Path outDir;
            if (out != null) {
                outDir = Paths.get(out);
            } else if (Files.exists(Paths.get("bench", "pom.xml"))) {
                outDir = Paths.get("bench", "target");
            } else {
                outDir = Paths.get("target");
            }
            String sync = System.getProperty("bench.synchronousCommit");
            return new Settings(
                    Double.parseDouble(System.getProperty("bench.seconds", "10")),
                    Double.parseDouble(System.getProperty("bench.warmup", "3")),
                    Integer.getInteger("bench.threads", 16),
                    Integer.getInteger("bench.agencies", 50),
                    Long.getLong("bench.maxCount", 2_000_000L),
                    outDir.toAbsolutePath().normalize(),
                    sync == null || sync.isBlank() ? null : sync.trim(),
                    Boolean.parseBoolean(System.getProperty("bench.durable", "true")));
        }
    }

    public record CaseResult(String label, long count, double seconds, double rate, double p50Ms, double p99Ms,
                             long errors, String firstError) {
    }

    public record Result(CaseResult oneChain, CaseResult manyChains, CaseResult plain, Verification verification,
                         String markdown, Path markdownFile) {

        public double oneChainRatio() {
            return plain.rate() == 0 ? 0 : oneChain.rate() / plain.rate();
        }

        public double manyChainsRatio() {
            return plain.rate() == 0 ? 0 : manyChains.rate() / plain.rate();
        }
    }

    @FunctionalInterface
    interface Op {
        void run(long n) throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTION = "registry.document-registered";

    private JournalBench() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Result r = run(Settings.fromSystemProperties());
        System.out.println(r.markdown());
        System.out.println("Written to " + r.markdownFile());
        if (!r.verification().ok() || r.oneChain().rate() <= 0 || r.manyChains().rate() <= 0 || r.plain().rate() <= 0) {
            System.exit(1);
        }
    }

    public static Result run(Settings s) throws Exception {
        if (s.threads() < 1 || s.seconds() <= 0 || s.agencies() < 1 || s.maxCount() < 1) {
            throw new IllegalArgumentException("Bad bench settings: " + s);
        }
        Path data = s.outDir().resolve("bench-pg");
        Timing.freshDirectory(data);
        int port = Timing.freePort();
        EmbeddedPostgres pg = EmbeddedDatabase.start(data, port, s.durable());
        try {
            EmbeddedDatabase.createDatabase(pg, "chidao");
            try (HikariDataSource ds = pool(port, "chidao", s, EmbeddedDatabase.password(data))) {
                SchemaMigrator.migrate(ds, JournalBench.class.getClassLoader(), "db/platform");
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE SCHEMA bench");
                    // same columns, types, identity, unique constraints and indexes; LIKE copies no trigger
                    st.execute("CREATE TABLE bench.plain (LIKE platform.journal INCLUDING ALL)");
                }
                return measureAll(s, ds, port);
            }
        } finally {
            pg.close();
        }
    }

    private static Result measureAll(Settings s, HikariDataSource ds, int port) throws Exception {
        ChidaoClock clock = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);
        JournalStore journal = new JournalStore(ds, clock);
        UUID single = Ids.newId();
        UUID[] agencies = new UUID[s.agencies()];
        for (int i = 0; i < agencies.length; i++) {
            agencies[i] = Ids.newId();
        }
        Op oneChain = n -> journal.append(draft(single, n));
        Op manyChains = n -> journal.append(draft(agencies[ThreadLocalRandom.current().nextInt(agencies.length)], n));
        AtomicLong plainSeq = new AtomicLong();
        Op plain = n -> plainInsert(ds, clock, agencies[ThreadLocalRandom.current().nextInt(agencies.length)],
                plainSeq.incrementAndGet(), n);

        CaseResult a = measureCase(ds, "(a) journal, 1 agency chain", oneChain, s);
        CaseResult b = measureCase(ds, "(b) journal, " + s.agencies() + " agency chains", manyChains, s);
        CaseResult c = measureCase(ds, "(c) baseline: plain INSERT into bench.plain", plain, s);

        long verifyStart = System.nanoTime();
        Verification v = journal.verify(null);
        double verifyMs = (System.nanoTime() - verifyStart) / 1e6;
        long unpositioned;
        String pgVersion;
        String syncCommit;
        String fsync;
        StringBuilder storage;
        try (Connection conn = ds.getConnection(); Statement st = conn.createStatement()) {
            unpositioned = single(st, "SELECT count(*) FROM platform.journal j WHERE NOT EXISTS"
                    + " (SELECT 1 FROM platform.journal_position p WHERE p.seq = j.seq)");
            pgVersion = Timing.text(st, "SHOW server_version");
            syncCommit = Timing.text(st, "SHOW synchronous_commit");
            fsync = Timing.text(st, "SHOW fsync");
            st.execute("ANALYZE platform.journal, platform.journal_head, bench.plain");
            storage = new StringBuilder("\n| Table | Live rows | Dead rows | Total size incl. indexes | Bytes per live row |\n"
                    + "|---|---:|---:|---:|---:|\n");
            try (ResultSet rs = st.executeQuery("SELECT s.schemaname || '.' || s.relname, s.n_live_tup, s.n_dead_tup,"
                    + " pg_total_relation_size(s.relid) FROM pg_stat_user_tables s WHERE (s.schemaname, s.relname) IN"
                    + " (('platform', 'journal'), ('platform', 'journal_head'), ('bench', 'plain')) ORDER BY 1 DESC")) {
                while (rs.next()) {
                    long live = rs.getLong(2);
                    long bytes = rs.getLong(4);
                    storage.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f MiB | %s |%n", rs.getString(1), live,
                            rs.getLong(3), bytes / 1048576.0, live == 0 ? "–" : String.format(Locale.ROOT, "%,d", bytes / live)));
                }
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("# Chidao journal bench\n\n");
        md.append(String.format(Locale.ROOT, "Run %s (local time) · PostgreSQL %s embedded (zonky) on port %d"
                        + " · synchronous_commit=%s, fsync=%s · %d CPUs · Java %s%n%n",
                LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), pgVersion, port, syncCommit, fsync,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        md.append(String.format(Locale.ROOT, "%d threads, pool of %d connections, %.1f s per case after a %.1f s warm-up"
                        + " (max %,d entries per case); each entry in its own transaction.%n%n",
                s.threads(), s.threads() + 2, s.seconds(), s.warmupSeconds(), s.maxCount()));
        md.append("| Case | Entries | Seconds | Entries/s | vs. baseline (c) | p50 ms | p99 ms | Errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CaseResult r : List.of(a, b, c)) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %.2f | %.2f | %.2f | %d |%n", r.label(),
                    r.count(), r.seconds(), r.rate(), c.rate() == 0 ? 0 : r.rate() / c.rate(), r.p50Ms(), r.p99Ms(),
                    r.errors()));
        }
        md.append(String.format(Locale.ROOT, "%nRatios: (a)/(c) = %.2f · (b)/(c) = %.2f%n%n",
                c.rate() == 0 ? 0 : a.rate() / c.rate(), c.rate() == 0 ? 0 : b.rate() / c.rate()));
        md.append(String.format(Locale.ROOT, "Verification of the whole journal afterwards (warm-up entries included):"
                        + " %s, %,d entries in %d chains, %.0f ms; entries without a position: %d%n",
                v.ok() ? "ok" : "BROKEN (" + v.reason() + ")", v.entriesChecked(), v.chainsChecked(), verifyMs,
                unpositioned));
        md.append(storage);
        for (CaseResult r : List.of(a, b, c)) {
            if (r.firstError() != null) {
                md.append("\nFirst error in ").append(r.label()).append(": ").append(r.firstError()).append('\n');
            }
        }
        Files.createDirectories(s.outDir());
        Path file = s.outDir().resolve("journal-bench.md");
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        return new Result(a, b, c, v, md.toString(), file);
    }

    private static CaseResult measureCase(HikariDataSource ds, String label, Op op, Settings s) throws Exception {
        if (s.warmupSeconds() > 0) {
            drive(label + " (warm-up)", op, s.threads(), s.warmupSeconds(), s.maxCount());
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT"); // the previous case's dirty pages are not written during this one
        }
        return drive(label, op, s.threads(), s.seconds(), s.maxCount());
    }

    /** Runs {@code op} from {@code threads} threads until the time is up or {@code maxCount} ops were started. */
    static CaseResult drive(String label, Op op, int threads, double seconds, long maxCount) throws InterruptedException {
        Timing.Run r = Timing.run("bench-worker", threads, seconds, maxCount, () -> false, 1, (worker, ticket) -> op.run(ticket));
        long count = r.sortedNanos().length;
        return new CaseResult(label, count, r.seconds(), count / r.seconds(), Timing.percentile(r.sortedNanos(), 0.50) / 1e6,
                Timing.percentile(r.sortedNanos(), 0.99) / 1e6, r.errors(), r.firstErrors().isEmpty() ? null : r.firstErrors().get(0));
    }

    /** A document-registration entry as the registry module would record it. */
    static Map<String, Object> payload(long n) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("soKyHieu", (n % 9000 + 100) + "/UBND-VP");
        p.put("trichYeu", "Về việc triển khai Nghị quyết số 12-NQ/TU của Ban Thường vụ Tỉnh ủy về chuyển đổi số");
        p.put("coQuanBanHanh", "Ủy ban nhân dân tỉnh Quảng Nam");
        p.put("nguoiKy", "Nguyễn Thị Hồng Nhung");
        p.put("soTrang", 4 + (int) (n % 7));
        p.put("doKhan", n % 5 == 0 ? "Hỏa tốc" : "Thường");
        Map<String, Object> xuLy = new LinkedHashMap<>();
        xuLy.put("donViChuTri", "Sở Thông tin và Truyền thông");
        xuLy.put("hanXuLy", "2026-12-15");
        xuLy.put("phoiHop", List.of("Sở Nội vụ", "Văn phòng UBND tỉnh", "Sở Tài chính"));
        xuLy.put("soNgay", 15);
        p.put("xuLy", xuLy);
        return p;
    }

    static JournalDraft draft(UUID agency, long n) {
        return new JournalDraft(agency, "chuyenvien" + (n % 40), ACTION, "vb-" + n, payload(n));
    }

    /** The baseline: one row of the journal's shape, its own transaction, no chain, no trigger. */
    private static void plainInsert(DataSource ds, ChidaoClock clock, UUID agency, long seq, long n) throws Exception {
        String payloadJson = JSON.writeValueAsString(payload(n));
        String hash = sha256(seq + payloadJson);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO bench.plain (id, agency_id, chain_seq, actor,"
                    + " action, subject_id, occurred_at, payload, prev_hash, hash)"
                    + " VALUES (?,?,?,?,?,?,?,?::jsonb,?,?)")) {
                ins.setObject(1, Ids.newId());
                ins.setObject(2, agency);
                ins.setLong(3, seq);
                ins.setString(4, "chuyenvien" + (n % 40));
                ins.setString(5, ACTION);
                ins.setString(6, "vb-" + n);
                ins.setObject(7, OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC));
                ins.setString(8, payloadJson);
                ins.setString(9, JournalStore.GENESIS);
                ins.setString(10, hash);
                ins.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String sha256(String s) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static HikariDataSource pool(int port, String database, Settings s, String password) {
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setServerNames(new String[] {"127.0.0.1"});
        target.setPortNumbers(new int[] {port});
        target.setDatabaseName(database);
        target.setUser("postgres");
        target.setPassword(password);
        target.setApplicationName("chidao-bench");
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("chidao-bench");
        hc.setDataSource(target);
        hc.setMaximumPoolSize(s.threads() + 2);
        hc.setMinimumIdle(s.threads());
        hc.setConnectionTimeout(60_000);
        if (s.synchronousCommit() != null) {
            if (!s.synchronousCommit().matches("[a-z_]+")) {
                throw new IllegalArgumentException("bench.synchronousCommit: " + s.synchronousCommit());
            }
            hc.setConnectionInitSql("SET synchronous_commit = " + s.synchronousCommit());
        }
        return new HikariDataSource(hc);
    }

    private static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
