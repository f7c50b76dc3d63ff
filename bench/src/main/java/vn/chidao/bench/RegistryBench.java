package vn.chidao.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.chidao.embeddeddb.EmbeddedDatabase;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.Page;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.migration.SchemaMigrator;
import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.SearchQuery;
import vn.chidao.registry.internal.RegistryConfig;
import vn.chidao.registry.internal.RegistryService;

/**
 * Registry throughput and search latency. Two halves, in one run:
 *
 * <p><b>Registrations</b> of incoming documents from {@code bench.threads} clients, (a) through REST
 * ({@code POST /api/v1/registry/documents} as a demo clerk) into one register, (b) the same spread over
 * {@code bench.registers} registers, against (c)/(d): a raw JDBC loop doing only what numbering and
 * storing need — the service's own {@code INSERT … ON CONFLICT DO UPDATE … RETURNING} on
 * {@code registry.counter} and its {@code registry.document} insert, one transaction each — into
 * bench-owned registers of the same database. Afterwards every register of every case is checked gapless
 * (numbers exactly 1..N, N = the counter).
 *
 * <p><b>Search</b> over a generated corpus ({@link RegistryCorpus}, loaded with COPY): a fixed set of
 * queries with and without diacritics, some with filters, through REST ({@code GET /documents}) and the
 * same SQL over JDBC (a copy of {@code RegistryService.search}: count, then the page; its text-search
 * expression is read from the service class so it cannot drift); the service's own answer is called
 * in-process once per query to check that the copy finds the same totals.
 *
 * <p>{@code bench.mode=node} (default) measures a running node ({@code ./chidao run}); {@code embedded} runs
 * the JDBC halves only, against a fresh embedded PostgreSQL with the platform, account and registry
 * migrations (what the smoke test does).
 */
public final class RegistryBench {

    public record Settings(String mode, double seconds, double warmupSeconds, int threads, int registers, long documents,
                           int searchRounds, int searchThreads, Path outDir, boolean durable, URI url, Path nodeHome,
                           String clerk, boolean resetCorpus) {

        public static Settings fromSystemProperties() {
            boolean fromRoot = Files.exists(Paths.get("bench", "pom.xml"));
            String out = System.getProperty("bench.out");
            Path outDir = out != null ? Paths.get(out) : fromRoot ? Paths.get("bench", "target") : Paths.get("target");
            String node = System.getProperty("bench.node");
            Path nodeHome = node != null ? Paths.get(node)
                    : Paths.get(fromRoot ? "run" : "../run", "chidao-distribution-0.1.0-SNAPSHOT");
            return new Settings(System.getProperty("bench.mode", "node"),
                    Double.parseDouble(System.getProperty("bench.seconds", "10")),
                    Double.parseDouble(System.getProperty("bench.warmup", "3")),
                    Integer.getInteger("bench.threads", 16),
                    Integer.getInteger("bench.registers", 50),
                    Long.getLong("bench.documents", 100_000L),
                    Integer.getInteger("bench.searchRounds", 20),
                    Integer.getInteger("bench.searchThreads", 1),
                    outDir.toAbsolutePath().normalize(),
                    Boolean.parseBoolean(System.getProperty("bench.durable", "true")),
                    URI.create(System.getProperty("bench.url", "http://127.0.0.1:8181")),
                    nodeHome.toAbsolutePath().normalize(),
                    System.getProperty("bench.clerk", "vanthu.vptu"),
                    Boolean.getBoolean("bench.resetCorpus"));
        }
    }

    /** Numbers of a set of registers: every (register, period, type) group must hold exactly 1..last_number. */
    public record Gapless(int groups, long documents, boolean ok, String firstProblem) {
    }

    public record RegCase(JournalBench.CaseResult result, long numbersHandedOut, Gapless gapless) {
    }

    /** One query of the search set; null fields are not sent. */
    public record SearchCase(String label, String q, String kind, String type, String organ, LocalDate from, LocalDate to,
                             Integer priority, String sort) {
    }

    public record QueryStats(SearchCase query, long total, long serviceTotal, long restTotal, int restCount, double restP50,
                             double restP95, int sqlCount, double sqlP50, double sqlP95) {
    }

    public record SearchResult(List<QueryStats> queries, int restCount, double restP50, double restP95, int sqlCount,
                               double sqlP50, double sqlP95, long restErrors, long sqlErrors, String firstError) {
    }

    public record Result(RegistryCorpus.Loaded corpus, Gapless corpusGapless, List<RegCase> registrations, SearchResult search,
                         String markdown, Path markdownFile) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /** Owner of the raw JDBC registers: no such agency exists, so nobody but a system administrator sees them. */
    static final UUID RAW_AGENCY = UUID.nameUUIDFromBytes("chidao-bench-raw-jdbc".getBytes(StandardCharsets.UTF_8));
    static final String REST_ONE = "Sổ đến thử tải REST – một sổ (bench)";
    static final String REST_MANY = "Sổ đến thử tải REST %02d (bench)";
    static final String RAW_ONE = "Sổ đến thử tải JDBC – một sổ (bench)";
    static final String RAW_MANY = "Sổ đến thử tải JDBC %02d (bench)";

    /** The search set: with and without diacritics, rare and common words, filters, a list without text. */
    static final List<SearchCase> QUERIES = List.of(
            new SearchCase("cà phê bền vững", "phát triển cà phê bền vững", null, null, null, null, null, null, null),
            new SearchCase("same, no diacritics", "phat trien ca phe ben vung", null, null, null, null, null, null, null),
            new SearchCase("chuyển đổi số, type KH", "chuyển đổi số", null, "KH", null, null, null, null, null),
            new SearchCase("chuyen doi so, newest", "chuyen doi so", null, null, null, null, null, null, "newest"),
            new SearchCase("nông thôn mới, incoming 2024", "nông thôn mới", "incoming", null, null, LocalDate.of(2024, 1, 1),
                    LocalDate.of(2024, 12, 31), null, null),
            new SearchCase("issuer, no diacritics", "uy ban nhan dan tinh dak nong", null, null, null, null, null, null, null),
            new SearchCase("notation 12-NQ/TU", "Nghị quyết số 12-NQ/TU", null, null, null, null, null, null, null),
            new SearchCase("rare: bô-xít nhôm", "bo xit nhom", null, null, null, null, null, null, null),
            new SearchCase("place + urgent", "Krông Nô", null, null, null, null, null, 2, null),
            new SearchCase("no text: type NQ, newest", null, null, "NQ", null, null, null, null, null),
            new SearchCase("no text: organ filter", null, null, null, "huyen uy cu jut", null, null, null, null),
            new SearchCase("no match", "khong ton tai xyzw", null, null, null, null, null, null, null));

    /** Why the bench does not run (no node, not enough disk, another version of the module): reported without a stack trace. */
    static final class Refused extends RuntimeException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private RegistryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Settings s = Settings.fromSystemProperties();
        Result r;
        try {
            r = "embedded".equals(s.mode()) ? runEmbedded(s) : runNode(s);
        } catch (Refused refused) { // no node, not enough disk, another module version: say why, no stack trace
            System.err.println("Registry bench not run: " + refused.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(r.markdown());
        System.out.println("Written to " + r.markdownFile());
        boolean ok = r.corpusGapless().ok()
                && r.registrations().stream().allMatch(c -> c.gapless().ok() && c.result().count() > 0)
                && r.search().restErrors() == 0 && r.search().sqlErrors() == 0
                && r.search().queries().stream().allMatch(q -> q.total() == q.serviceTotal()
                        && (q.restTotal() < 0 || q.restTotal() == q.total()));
        if (!ok) {
            System.exit(1);
        }
    }

    // --- the node-less run (smoke test) -------------------------------------------------------------

    /** The JDBC halves against a fresh embedded PostgreSQL with the platform, account and registry migrations. */
    public static Result runEmbedded(Settings s) throws Exception {
        check(s);
        Path data = s.outDir().resolve("registry-bench-pg");
        Timing.freshDirectory(data);
        int port = Timing.freePort();
        EmbeddedPostgres pg = EmbeddedDatabase.start(data, port, s.durable());
        try {
            EmbeddedDatabase.createDatabase(pg, "chidao");
            try (HikariDataSource ds = pool(port, "chidao", "postgres", EmbeddedDatabase.password(data), s.threads())) {
                for (String folder : List.of("db/platform", "db/account", "db/registry")) {
                    SchemaMigrator.migrate(ds, RegistryBench.class.getClassLoader(), folder);
                }
                List<RegistryCorpus.Agency> agencies = RegistryCorpus.demoAgencies();
                UUID home = agencies.get(1).id();
                return measure(s, ds, data.resolve("pgdata"), agencies, home, null, "embedded PostgreSQL on port " + port);
            }
        } finally {
            pg.close();
        }
    }

    // --- the node run ---------------------------------------------------------------------------------

    public static Result runNode(Settings s) throws Exception {
        check(s);
        Rest rest = new Rest(s.url());
        int health = rest.status("/api/v1/health");
        if (health != 200) {
            throw new Refused("No healthy Chidao node at " + s.url() + " (GET /api/v1/health: " + health + ")."
                    + " Start one with: CHIDAO_SKIP_BUILD=1 ./chidao run", null);
        }
        Path demo = s.nodeHome().resolve("data/demo-passwords.txt");
        String password = System.getProperty("bench.password");
        if (password == null) {
            if (!Files.exists(demo)) {
                throw new Refused("No " + demo + ": start the node in demo mode or give -Dbench.password=", null);
            }
            password = Files.readAllLines(demo).stream().filter(l -> l.startsWith("password=")).findFirst()
                    .orElseThrow().substring("password=".length()).trim();
        }
        rest.login(s.clerk(), password);
        try (HikariDataSource ds = nodePool(s)) {
            List<RegistryCorpus.Agency> agencies = new ArrayList<>();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, code, name FROM account.agency WHERE active_to IS NULL ORDER BY code")) {
                while (rs.next()) {
                    agencies.add(new RegistryCorpus.Agency(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                }
            }
            return measure(s, ds, s.nodeHome().resolve("data/pgdata"), agencies, rest.agency, rest,
                    "node " + s.url() + " (" + s.nodeHome() + ")");
        }
    }

    private static void check(Settings s) {
        if (s.threads() < 1 || s.seconds() <= 0 || s.registers() < 1 || s.documents() < 0 || s.searchThreads() < 1
                || s.searchRounds() < 1) {
            throw new IllegalArgumentException("Bad bench settings: " + s);
        }
    }

    // --- both --------------------------------------------------------------------------------------------

    private static Result measure(Settings s, HikariDataSource ds, Path pgData, List<RegistryCorpus.Agency> agencies, UUID home,
                                  Rest rest, String where) throws Exception {
        String loadBefore = loadAverage();
        if (s.resetCorpus()) {
            System.out.printf(Locale.ROOT, "corpus: removed %,d generated documents%n", RegistryCorpus.drop(ds));
        }
        RegistryCorpus.Loaded corpus = RegistryCorpus.load(ds, agencies, home, s.documents(), pgData);
        System.out.printf(Locale.ROOT, "corpus: %,d documents (%,d added in %.1f s)%n", corpus.total(), corpus.added(), corpus.seconds());
        Gapless corpusGapless = gapless(ds, RegistryCorpus.registerIds(ds));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT"); // the load's dirty pages are not written during the search
        }

        // search first, on the corpus as loaded and vacuumed
        SearchResult search = search(s, ds, home, rest);
        StringBuilder plans = new StringBuilder();
        explain(ds, home, plans);
        Files.createDirectories(s.outDir());
        Files.writeString(s.outDir().resolve("registry-bench-plans.txt"), plans.toString(), StandardCharsets.UTF_8);

        // registrations
        String clerk = rest == null ? "bench.raw" : rest.username;
        List<UUID> rawRegisters = rawRegisters(ds, s.registers());
        List<RegCase> cases = new ArrayList<>();
        if (rest != null) {
            List<UUID> restRegisters = rest.registers(s.registers());
            cases.add(registrationCase(s, ds, "(a) REST, 1 register", List.of(restRegisters.get(0)),
                    n -> rest.register(draft(restRegisters.get(0), n))));
            List<UUID> many = restRegisters.subList(1, restRegisters.size());
            cases.add(registrationCase(s, ds, "(b) REST, " + many.size() + " registers", many,
                    n -> rest.register(draft(many.get(ThreadLocalRandom.current().nextInt(many.size())), n))));
        }
        cases.add(registrationCase(s, ds, "(c) raw JDBC, 1 register", List.of(rawRegisters.get(0)),
                n -> rawRegister(ds, draft(rawRegisters.get(0), n), clerk)));
        List<UUID> rawMany = rawRegisters.subList(1, rawRegisters.size());
        cases.add(registrationCase(s, ds, "(d) raw JDBC, " + rawMany.size() + " registers", rawMany,
                n -> rawRegister(ds, draft(rawMany.get(ThreadLocalRandom.current().nextInt(rawMany.size())), n), clerk)));
        String loadAfter = loadAverage();
        long rawRemoved = removeRaw(ds, rawRegisters);

        String md = markdown(s, ds, where, corpus, corpusGapless, search, cases, loadBefore, loadAfter)
                + String.format(Locale.ROOT, "%nAfterwards the %,d rows of the raw JDBC cases and their counters were deleted again"
                + " (they have no journal entries); the REST registrations stay, as any registration does.%n", rawRemoved);
        Path file = s.outDir().resolve("embedded".equals(s.mode()) ? "registry-bench-embedded.md" : "registry-bench.md");
        Files.writeString(file, md, StandardCharsets.UTF_8);
        return new Result(corpus, corpusGapless, cases, search, md, file);
    }

    // --- registrations ------------------------------------------------------------------------------------

    /** A run-unique base for the issuer's numbers, so no registration is held back as a duplicate. */
    private static final long RUN_BASE = (Instant.now().getEpochSecond() % 100_000) * 1_000_000L;
    private static final AtomicLong DRAFTS = new AtomicLong();

    /** An incoming document as a clerk registers it from the issuer's paper (no files). */
    static Map<String, Object> draft(UUID register, long n) {
        long k = DRAFTS.incrementAndGet();
        SplittableRandom r = new SplittableRandom(0xd0c5L * 7919 + k);
        String type = RegistryCorpus.typeCode(r);
        int issuer = r.nextInt(RegistryCorpus.ISSUERS.length);
        LocalDate today = LocalDate.now(RegistryCorpus.VN);
        String number = Long.toString(RUN_BASE + k);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("registerId", register.toString());
        d.put("typeCode", type);
        d.put("issuedDate", today.minusDays(1 + r.nextInt(5)).toString());
        d.put("organName", RegistryCorpus.ISSUERS[issuer]);
        d.put("subject", RegistryCorpus.subject(r, type, today.getYear(), RegistryCorpus.pick(r, RegistryCorpus.TOPICS)));
        d.put("pageAmount", 1 + r.nextInt(12));
        d.put("signer", Map.of("position", RegistryCorpus.pick(r, RegistryCorpus.POSITIONS), "fullName", RegistryCorpus.person(r),
                "competence", "T/M"));
        d.put("priority", r.nextInt(100) < 85 ? 0 : 1 + r.nextInt(3));
        d.put("originalNumber", number);
        d.put("originalNotation", number + "/" + type + "-" + RegistryCorpus.ISSUER_NOTATION[issuer]);
        d.put("arrivalMethod", "system");
        return d;
    }

    /** Exactly the two statements of {@code RegistryService.register} that number and store the entry. */
    static void rawRegister(DataSource ds, Map<String, Object> d, String clerk) throws SQLException {
        UUID register = UUID.fromString((String) d.get("registerId"));
        LocalDate today = LocalDate.now(RegistryCorpus.VN);
        String period = Integer.toString(today.getYear());
        @SuppressWarnings("unchecked")
        Map<String, String> signer = (Map<String, String>) d.get("signer");
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                int number;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO registry.counter (register_id, period, doc_type, last_number)"
                        + " VALUES (?,?,?,1) ON CONFLICT (register_id, period, doc_type) DO UPDATE SET last_number ="
                        + " registry.counter.last_number + 1 RETURNING last_number")) {
                    ps.setObject(1, register);
                    ps.setString(2, period);
                    ps.setString(3, "");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        number = rs.getInt(1);
                    }
                }
                OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
                Object[] p = {Ids.newId(), register, RAW_AGENCY, "incoming", number, period, "", d.get("originalNotation"),
                    d.get("typeCode"), LocalDate.parse((String) d.get("issuedDate")), d.get("organName"), null, d.get("subject"), null,
                    d.get("pageAmount"), null, signer.get("position"), signer.get("fullName"), signer.get("competence"),
                    c.createArrayOf("text", new Object[0]), c.createArrayOf("text", new Object[0]), d.get("priority"), null, null,
                    today, d.get("arrivalMethod"), d.get("originalNumber"), d.get("originalNotation"), null, "none", false, false,
                    null, clerk, now, now, ""};
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO registry.document (id, register_id, agency_id, kind, number,"
                        + " period, counter_type, notation, type_code, issued_date, organ_name, organ_id, subject, language, page_amount,"
                        + " description, signer_position, signer_name, signer_competence, to_units, to_places, priority, issued_amount,"
                        + " due_date, arrival_date, arrival_method, original_number, original_notation, edxml_document_id, secrecy, stub,"
                        + " backfilled, incident_ref, registered_by, registered_at, updated_at, body_text) VALUES"
                        + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (int i = 0; i < p.length; i++) {
                        ps.setObject(i + 1, p[i]);
                    }
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The raw case's registers: bench-owned, under an agency nobody belongs to; found by name, created when missing. */
    static List<UUID> rawRegisters(DataSource ds, int many) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            for (int i = 0; i <= many; i++) {
                String name = i == 0 ? RAW_ONE : String.format(Locale.ROOT, RAW_MANY, i);
                UUID id = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM registry.register WHERE agency_id = ? AND name = ?")) {
                    ps.setObject(1, RAW_AGENCY);
                    ps.setString(2, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getObject(1, UUID.class);
                        }
                    }
                }
                if (id == null) {
                    id = Ids.newId();
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO registry.register (id, agency_id, kind, name, scope,"
                            + " notation_template, created_at) VALUES (?,?,'incoming',?,'year','{number}-{type}/{agency}',now())")) {
                        ps.setObject(1, id);
                        ps.setObject(2, RAW_AGENCY);
                        ps.setString(3, name);
                        ps.executeUpdate();
                    }
                }
                out.add(id);
            }
        }
        return out;
    }

    /** The raw cases' rows and counters: bench-owned, journal-free, removed so that repeated runs do not grow the table. */
    static long removeRaw(DataSource ds, List<UUID> registers) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM registry.access_log WHERE document_id IN"
                    + " (SELECT id FROM registry.document WHERE register_id = ANY (?))")) {
                ps.setArray(1, c.createArrayOf("uuid", registers.toArray()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM registry.document WHERE register_id = ANY (?) AND agency_id = ?")) {
                ps.setArray(1, c.createArrayOf("uuid", registers.toArray()));
                ps.setObject(2, RAW_AGENCY);
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM registry.counter WHERE register_id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("uuid", registers.toArray()));
                ps.executeUpdate();
            }
            c.commit();
            return n;
        }
    }

    private static RegCase registrationCase(Settings s, DataSource ds, String label, List<UUID> registers, JournalBench.Op op)
            throws Exception {
        long before = counters(ds, registers);
        if (s.warmupSeconds() > 0) {
            JournalBench.drive(label + " (warm-up)", op, s.threads(), s.warmupSeconds(), Long.MAX_VALUE);
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT"); // the previous case's dirty pages are not written during this one
        }
        long mid = counters(ds, registers);
        JournalBench.CaseResult r = JournalBench.drive(label, op, s.threads(), s.seconds(), Long.MAX_VALUE);
        long after = counters(ds, registers);
        System.out.printf(Locale.ROOT, "%s: %,d in %.2f s = %,.0f/s, p99 %.1f ms, %d errors%n", label, r.count(), r.seconds(),
                r.rate(), r.p99Ms(), r.errors());
        if (after - mid != r.count()) {
            System.out.printf(Locale.ROOT, "  numbers handed out while measuring: %,d, successful registrations: %,d%n", after - mid,
                    r.count());
        }
        return new RegCase(r, after - before, gapless(ds, registers));
    }

    private static long counters(DataSource ds, List<UUID> registers) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(sum(last_number), 0) FROM registry.counter WHERE register_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", registers.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every (register, period, type) group of the registers holds exactly the numbers 1..last_number, once each. */
    static Gapless gapless(DataSource ds, List<UUID> registers) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT k.register_id, k.period, k.doc_type, k.last_number, count(d.id), count(DISTINCT d.number),"
                        + " coalesce(min(d.number), 0), coalesce(max(d.number), 0)"
                        + " FROM registry.counter k LEFT JOIN registry.document d ON d.register_id = k.register_id"
                        + " AND d.period = k.period AND d.counter_type = k.doc_type WHERE k.register_id = ANY (?)"
                        + " GROUP BY 1, 2, 3, 4")) {
            ps.setArray(1, c.createArrayOf("uuid", registers.toArray()));
            int groups = 0;
            long docs = 0;
            String problem = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups++;
                    long last = rs.getLong(4);
                    long count = rs.getLong(5);
                    docs += count;
                    boolean ok = count == last && rs.getLong(6) == last && (last == 0 || rs.getLong(7) == 1) && rs.getLong(8) == last;
                    if (!ok && problem == null) {
                        problem = String.format(Locale.ROOT, "register %s period %s: counter %d, %d rows, %d distinct, min %d, max %d",
                                rs.getString(1), rs.getString(2), last, count, rs.getLong(6), rs.getLong(7), rs.getLong(8));
                    }
                }
            }
            // documents outside any counter group would be numbers nobody handed out
            try (PreparedStatement orphans = c.prepareStatement("SELECT count(*) FROM registry.document d WHERE d.register_id = ANY (?)"
                    + " AND NOT EXISTS (SELECT 1 FROM registry.counter k WHERE k.register_id = d.register_id AND k.period = d.period"
                    + " AND k.doc_type = d.counter_type)")) {
                orphans.setArray(1, c.createArrayOf("uuid", registers.toArray()));
                try (ResultSet rs = orphans.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0 && problem == null) {
                        problem = rs.getLong(1) + " documents without a counter";
                    }
                }
            }
            return new Gapless(groups, docs, problem == null && groups > 0, problem);
        }
    }

    // --- search -------------------------------------------------------------------------------------------

    /** The search SQL of {@code RegistryService.search} for a clerk (no registerId, no status filter), with its parameters. */
    record Sql(String count, String page, List<Object> params) {
    }

    /** The service's text-search expression, read from the class so this copy of its SQL cannot drift. */
    static String tsv() {
        try {
            java.lang.reflect.Field f = RegistryService.class.getDeclaredField("TSV");
            f.setAccessible(true);
            return (String) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("RegistryService.TSV is gone: update the bench's copy of the search SQL", e);
        }
    }

    /** The columns the service's search selects ({@code COLUMNS} where it names them, else {@code d.*} as it first did). */
    static String columns() {
        try {
            java.lang.reflect.Field f = RegistryService.class.getDeclaredField("COLUMNS");
            f.setAccessible(true);
            return (String) f.get(null);
        } catch (NoSuchFieldException e) {
            return "d.*, t.name AS type_name";
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mirrors {@code RegistryService.search} and {@code Db.page}: same WHERE, same ORDER BY, count then page 1 of 20. */
    static Sql sql(SearchCase q, List<UUID> scope) {
        String tsv = tsv();
        String text = q.q();
        StringBuilder where = new StringBuilder(" FROM registry.document d JOIN registry.doc_type t ON t.code = d.type_code WHERE true");
        List<Object> params = new ArrayList<>();
        where.append(" AND d.agency_id = ANY (?::uuid[])");
        params.add(scope.stream().map(UUID::toString).toList());
        if (text != null) {
            where.append(" AND ").append(tsv).append(" @@ plainto_tsquery('platform.vietnamese', ?)");
            params.add(text);
        }
        if (q.kind() != null) {
            where.append(" AND d.kind = ?");
            params.add(q.kind());
        }
        if (q.type() != null) {
            where.append(" AND d.type_code = ?");
            params.add(q.type());
        }
        if (q.organ() != null) {
            where.append(" AND lower(platform.unaccent(d.organ_name)) LIKE '%' || lower(platform.unaccent(?)) || '%'");
            params.add(q.organ());
        }
        if (q.from() != null) {
            where.append(" AND coalesce(d.arrival_date, d.issued_date) >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            where.append(" AND coalesce(d.arrival_date, d.issued_date) <= ?");
            params.add(q.to());
        }
        if (q.priority() != null) {
            where.append(" AND d.priority = ?");
            params.add(q.priority());
        }
        String sort = q.sort() != null ? q.sort() : text == null ? "newest" : "relevance";
        String order = switch (sort) {
            case "relevance" -> text == null ? "d.registered_at DESC, d.id"
                    : "ts_rank(" + tsv + ", plainto_tsquery('platform.vietnamese', '" + text.replace("'", "''").replace("\\", "\\\\")
                    + "')) DESC, d.registered_at DESC, d.id";
            case "oldest" -> "d.registered_at, d.id";
            case "number" -> "d.register_id, d.period, d.number";
            default -> "d.registered_at DESC, d.id";
        };
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(20);
        pageParams.add(0);
        return new Sql("SELECT count(*)" + where, "SELECT " + columns() + where + " ORDER BY " + order + " LIMIT ? OFFSET ?",
                List.copyOf(pageParams));
    }

    /** A clerk's search scope as {@code RegistryService.search} builds it: visible agencies (own, no predecessors) plus own. */
    static List<UUID> scope(UUID home) {
        return List.of(home, home);
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params, int n) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < n; i++) {
            Object p = params.get(i);
            if (p instanceof List<?> l) {
                p = c.createArrayOf("text", l.toArray());
            }
            ps.setObject(i + 1, p);
        }
        return ps;
    }

    /** Count, then page 1 with every column read, as the service does on an auto-commit connection. */
    static long runSql(DataSource ds, Sql sql) throws SQLException {
        try (Connection c = ds.getConnection()) {
            long total;
            try (PreparedStatement ps = prepare(c, sql.count(), sql.params(), sql.params().size() - 2); ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            try (PreparedStatement ps = prepare(c, sql.page(), sql.params(), sql.params().size()); ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof Array a) {
                            a.getArray();
                        }
                    }
                }
            }
            return total;
        }
    }

    /** The service's own answer (in-process, no REST), to check that the bench's copy of the SQL finds the same. */
    static long serviceTotal(DataSource ds, UUID home, SearchCase q) {
        RegistryService service = new RegistryService(ds, null, null, null, null, new RegistryConfig() {
            @Override
            public boolean demo() {
                return false;
            }

            @Override
            public int maxBookEntries() {
                return 200_000;
            }

            @Override
            public int maxConcurrentBooks() {
                return 2;
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return RegistryConfig.class;
            }
        });
        Caller clerk = new Caller(UUID.randomUUID(), "bench.search", "Bench", home, Set.of(Roles.CLERK), Set.of(home), false);
        Page<Document> p = service.search(clerk, new SearchQuery(q.q(), null, q.kind(), q.type(), q.organ(), q.from(), q.to(),
                q.priority(), null, q.sort(), 0, 0));
        return p.total();
    }

    static String restPath(SearchCase q) {
        StringBuilder b = new StringBuilder("/api/v1/registry/documents?size=20");
        param(b, "q", q.q());
        param(b, "kind", q.kind());
        param(b, "type", q.type());
        param(b, "organ", q.organ());
        param(b, "from", q.from());
        param(b, "to", q.to());
        param(b, "priority", q.priority());
        param(b, "sort", q.sort());
        return b.toString();
    }

    private static void param(StringBuilder b, String name, Object value) {
        if (value != null) {
            b.append('&').append(name).append('=').append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    interface QueryOp {
        void run(int query) throws Exception;
    }

    private static SearchResult search(Settings s, DataSource ds, UUID home, Rest rest) throws Exception {
        List<Sql> sqls = QUERIES.stream().map(q -> sql(q, scope(home))).toList();
        long[] totals = new long[QUERIES.size()];
        long[] serviceTotals = new long[QUERIES.size()];
        long[] restTotals = new long[QUERIES.size()];
        Arrays.fill(restTotals, -1);
        for (int i = 0; i < QUERIES.size(); i++) { // also the warm-up: every query once on each path
            try {
                totals[i] = runSql(ds, sqls.get(i));
            } catch (SQLException e) {
                throw new Refused("the search SQL of the RegistryService on the bench's class path does not run on"
                        + " this database (" + e.getMessage() + "): the node runs another version of the registry module than the"
                        + " bench was built against; rebuild one of them", e);
            }
            serviceTotals[i] = serviceTotal(ds, home, QUERIES.get(i));
            if (rest != null) {
                restTotals[i] = JSON.readTree(rest.get(restPath(QUERIES.get(i)))).path("total").asLong(-1);
            }
        }
        AtomicReference<String> firstError = new AtomicReference<>();
        long[] errors = new long[2];
        long[][][] samples = driveQueries(s, rest == null ? null : n -> rest.get(restPath(QUERIES.get(n))),
                n -> runSql(ds, sqls.get(n)), errors, firstError);
        long[][] restSamples = rest == null ? null : samples[0];
        long[][] sqlSamples = samples[1];
        long[] restErrors = {errors[0]};
        long[] sqlErrors = {errors[1]};
        List<QueryStats> stats = new ArrayList<>();
        for (int i = 0; i < QUERIES.size(); i++) {
            long[] rs = restSamples == null ? new long[0] : restSamples[i];
            long[] ss = sqlSamples[i];
            stats.add(new QueryStats(QUERIES.get(i), totals[i], serviceTotals[i], restTotals[i], rs.length,
                    Timing.percentile(rs, 0.50) / 1e6, Timing.percentile(rs, 0.95) / 1e6, ss.length,
                    Timing.percentile(ss, 0.50) / 1e6, Timing.percentile(ss, 0.95) / 1e6));
        }
        long[] allRest = restSamples == null ? new long[0] : Arrays.stream(restSamples).flatMapToLong(Arrays::stream).sorted().toArray();
        long[] allSql = Arrays.stream(sqlSamples).flatMapToLong(Arrays::stream).sorted().toArray();
        return new SearchResult(stats, allRest.length, Timing.percentile(allRest, 0.50) / 1e6,
                Timing.percentile(allRest, 0.95) / 1e6, allSql.length, Timing.percentile(allSql, 0.50) / 1e6,
                Timing.percentile(allSql, 0.95) / 1e6, restErrors[0], sqlErrors[0], firstError.get());
    }

    /**
     * {@code searchThreads} clients each run the whole query set {@code searchRounds} times, each from its own offset;
     * every query goes once through each path, REST and SQL alternating which goes first, so both see the same
     * conditions. Returns [path][query][samples] with path 0 = REST (empty without a node), 1 = SQL.
     */
    private static long[][][] driveQueries(Settings s, QueryOp rest, QueryOp sql, long[] errors, AtomicReference<String> firstError)
            throws InterruptedException {
        int nq = QUERIES.size();
        QueryOp[] ops = {rest, sql};
        List<long[][][]> perThread = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(s.searchThreads());
        AtomicLong[] errorCount = {new AtomicLong(), new AtomicLong()};
        for (int t = 0; t < s.searchThreads(); t++) {
            int me = t;
            long[][][] mine = new long[2][nq][s.searchRounds()];
            int[][] sizes = new int[2][nq];
            perThread.add(mine);
            Thread th = new Thread(() -> {
                try {
                    for (int k = 0; k < nq * s.searchRounds(); k++) {
                        int qi = (me + k) % nq;
                        for (int j = 0; j < 2; j++) {
                            int path = (k / nq + j) % 2;
                            if (ops[path] == null) {
                                continue;
                            }
                            long t0 = System.nanoTime();
                            try {
                                ops[path].run(qi);
                            } catch (Exception e) {
                                errorCount[path].incrementAndGet();
                                firstError.compareAndSet(null, (path == 0 ? "REST " : "SQL ") + QUERIES.get(qi).label() + ": " + e);
                                continue;
                            }
                            mine[path][qi][sizes[path][qi]++] = System.nanoTime() - t0;
                        }
                    }
                } finally {
                    for (int path = 0; path < 2; path++) {
                        for (int q = 0; q < nq; q++) {
                            mine[path][q] = Arrays.copyOf(mine[path][q], sizes[path][q]);
                        }
                    }
                    done.countDown();
                }
            }, "bench-search");
            th.setDaemon(true);
            th.start();
        }
        if (!done.await(2, TimeUnit.HOURS)) {
            errorCount[1].incrementAndGet();
            firstError.compareAndSet(null, "search clients did not finish within 2 hours");
        }
        errors[0] = errorCount[0].get();
        errors[1] = errorCount[1].get();
        long[][][] out = new long[2][nq][];
        for (int path = 0; path < 2; path++) {
            for (int q = 0; q < nq; q++) {
                int pp = path;
                int qq = q;
                out[path][q] = perThread.stream().flatMapToLong(m -> Arrays.stream(m[pp][qq])).sorted().toArray();
            }
        }
        return out;
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of every query's count and page, and of the registration's duplicate check. */
    private static void explain(DataSource ds, UUID home, StringBuilder out) throws SQLException {
        try (Connection c = ds.getConnection()) {
            for (SearchCase q : QUERIES) {
                Sql sql = sql(q, scope(home));
                out.append("=== ").append(q.label()).append(" — count\n");
                plan(c, sql.count(), sql.params(), sql.params().size() - 2, out);
                out.append("=== ").append(q.label()).append(" — page 1\n");
                plan(c, sql.page(), sql.params(), sql.params().size(), out);
            }
            out.append("=== registration: duplicate check (RegistryService.duplicates), clerk's agency\n");
            plan(c, "SELECT * FROM registry.document WHERE agency_id = ? AND kind = 'incoming' AND status = 'registered'"
                    + " AND ((?::text IS NOT NULL AND edxml_document_id = ?::text) OR (?::text IS NOT NULL"
                    + " AND lower(original_notation) = lower(?::text) AND coalesce(lower(original_number), '') = coalesce(lower(?::text), '')"
                    + " AND lower(organ_name) = lower(?::text))) ORDER BY registered_at LIMIT 10",
                    Arrays.asList(home, null, null, "15/QĐ-UBND", "15/QĐ-UBND", "15", "Ủy ban nhân dân tỉnh Đắk Nông"), 7, out);
        }
    }

    private static void plan(Connection c, String sql, List<Object> params, int n, StringBuilder out) throws SQLException {
        try (PreparedStatement ps = prepare(c, "EXPLAIN (ANALYZE, BUFFERS) " + sql, params, n); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        out.append('\n');
    }

    // --- REST client ----------------------------------------------------------------------------------------

    /** A clerk's REST session: one access token (5 min), renewed by a new login after 4. */
    static final class Rest {
        final URI base;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        String username;
        private String password;
        private volatile String token;
        private volatile long tokenAt;
        UUID agency;

        Rest(URI base) {
            this.base = base;
        }

        int status(String path) {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        synchronized void login(String user, String pw) throws Exception {
            this.username = user;
            this.password = pw;
            String body = JSON.writeValueAsString(Map.of("username", user, "password", pw));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/account/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new Refused("Login of " + user + " refused: " + r.statusCode() + " " + r.body(), null);
            }
            JsonNode n = JSON.readTree(r.body());
            token = n.path("accessToken").asText();
            tokenAt = System.nanoTime();
            agency = UUID.fromString(n.path("user").path("agencyId").asText());
        }

        private String token() throws Exception {
            if (System.nanoTime() - tokenAt > TimeUnit.MINUTES.toNanos(4)) {
                synchronized (this) {
                    if (System.nanoTime() - tokenAt > TimeUnit.MINUTES.toNanos(4)) {
                        login(username, password);
                    }
                }
            }
            return token;
        }

        String get(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + abbreviate(r.body()));
            }
            return r.body();
        }

        String post(String path, Object body, int expected) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + abbreviate(r.body()));
            }
            return r.body();
        }

        void register(Map<String, Object> draft) throws Exception {
            post("/api/v1/registry/documents", draft, 201);
        }

        /** The clerk's bench registers ([one, many...]), found by name, created through REST when missing. */
        List<UUID> registers(int many) throws Exception {
            Map<String, UUID> byName = new LinkedHashMap<>();
            for (JsonNode r : JSON.readTree(get("/api/v1/registry/registers"))) {
                byName.put(r.path("name").asText(), UUID.fromString(r.path("id").asText()));
            }
            List<UUID> out = new ArrayList<>();
            for (int i = 0; i <= many; i++) {
                String name = i == 0 ? REST_ONE : String.format(Locale.ROOT, REST_MANY, i);
                UUID id = byName.get(name);
                if (id == null) {
                    id = UUID.fromString(JSON.readTree(post("/api/v1/registry/registers", Map.of("kind", "incoming", "name", name), 201))
                            .path("id").asText());
                }
                out.add(id);
            }
            return out;
        }

        private static String abbreviate(String s) {
            return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
        }
    }

    // --- output -----------------------------------------------------------------------------------------------

    private static String markdown(Settings s, DataSource ds, String where, RegistryCorpus.Loaded corpus, Gapless corpusGapless,
                                   SearchResult search,
                                   List<RegCase> cases, String loadBefore, String loadAfter) throws SQLException {
        String pgVersion;
        String sync;
        long documents;
        long tableBytes;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            pgVersion = Timing.text(st, "SHOW server_version");
            sync = Timing.text(st, "SHOW synchronous_commit") + ", fsync=" + Timing.text(st, "SHOW fsync");
            documents = Long.parseLong(Timing.text(st, "SELECT count(*) FROM registry.document"));
            tableBytes = Long.parseLong(Timing.text(st, "SELECT pg_total_relation_size('registry.document')"));
        }
        StringBuilder md = new StringBuilder("# Chidao registry bench\n\n");
        md.append(String.format(Locale.ROOT, "Run %s (local time) against %s · PostgreSQL %s · synchronous_commit=%s · %d CPUs"
                        + " · Java %s · load average before %s, after %s%n%n", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), where,
                pgVersion, sync, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore, loadAfter));
        md.append(String.format(Locale.ROOT, "Corpus: %,d generated documents (%,d added now by COPY in %.1f s with %.1f MiB of WAL,"
                        + " %,d in the clerk's agency; corpus registers gapless: %s). registry.document after the load and VACUUM:"
                        + " %.1f MiB with indexes and TOAST; at the end of the run: %,d rows, %.1f MiB.%n%n", corpus.total(), corpus.added(),
                corpus.seconds(), corpus.walBytes() / 1048576.0, corpus.homeTotal(),
                corpusGapless.ok() ? "yes" : "NO: " + corpusGapless.firstProblem(), corpus.tableBytes() / 1048576.0, documents,
                tableBytes / 1048576.0));

        md.append(String.format(Locale.ROOT, "## Registrations — %d clients, %.1f s per case after %.1f s warm-up%n%n", s.threads(),
                s.seconds(), s.warmupSeconds()));
        md.append("| Case | Registrations | Seconds | Registrations/s | vs. raw JDBC | p50 ms | p99 ms | Errors | Gapless (groups, rows) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        RegCase rawOne = cases.stream().filter(c -> c.result().label().startsWith("(c)")).findFirst().orElseThrow();
        RegCase rawMany = cases.stream().filter(c -> c.result().label().startsWith("(d)")).findFirst().orElseThrow();
        for (RegCase c : cases) {
            JournalBench.CaseResult r = c.result();
            RegCase base = r.label().contains(", 1 register") ? rawOne : rawMany;
            double ratio = base.result().rate() == 0 ? 0 : r.rate() / base.result().rate();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %.2f | %.2f | %.2f | %d | %s (%d, %,d) |%n", r.label(),
                    r.count(), r.seconds(), r.rate(), ratio, r.p50Ms(), r.p99Ms(), r.errors(),
                    c.gapless().ok() ? "yes" : "NO: " + c.gapless().firstProblem(), c.gapless().groups(), c.gapless().documents()));
        }
        for (RegCase c : cases) {
            if (c.result().firstError() != null) {
                md.append("\nFirst error in ").append(c.result().label()).append(": ").append(c.result().firstError()).append('\n');
            }
        }

        md.append(String.format(Locale.ROOT, "%n## Search — %d client(s), each running the %d queries %d times, every time through REST"
                + " and through SQL (alternating which goes first); page 1 of 20 with the total%n%n", s.searchThreads(), QUERIES.size(),
                s.searchRounds()));
        md.append("| Query | Filters | Hits | REST n | REST p50 ms | REST p95 ms | SQL n | SQL p50 ms | SQL p95 ms | p50 ratio |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (QueryStats q : search.queries()) {
            SearchCase c = q.query();
            List<String> f = new ArrayList<>();
            if (c.q() != null) {
                f.add("q=" + c.q());
            }
            if (c.kind() != null) {
                f.add("kind=" + c.kind());
            }
            if (c.type() != null) {
                f.add("type=" + c.type());
            }
            if (c.organ() != null) {
                f.add("organ=" + c.organ());
            }
            if (c.from() != null) {
                f.add("from=" + c.from() + " to=" + c.to());
            }
            if (c.priority() != null) {
                f.add("priority=" + c.priority());
            }
            if (c.sort() != null) {
                f.add("sort=" + c.sort());
            }
            String hits = String.format(Locale.ROOT, "%,d", q.total()) + (q.serviceTotal() != q.total() ? " (service: " + q.serviceTotal() + "!)" : "")
                    + (q.restTotal() >= 0 && q.restTotal() != q.total() ? " (REST: " + q.restTotal() + "!)" : "");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d | %.1f | %.1f | %s |%n", c.label(),
                    String.join(", ", f).replace("|", "\\|"), hits, q.restCount() == 0 ? "–" : Integer.toString(q.restCount()),
                    q.restCount() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", q.restP50()),
                    q.restCount() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", q.restP95()), q.sqlCount(), q.sqlP50(), q.sqlP95(),
                    q.restCount() == 0 || q.sqlP50() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", q.restP50() / q.sqlP50())));
        }
        md.append(String.format(Locale.ROOT, "| **all queries** | | | %s | %s | %s | %d | %.1f | %.1f | %s |%n",
                search.restCount() == 0 ? "–" : Integer.toString(search.restCount()),
                search.restCount() == 0 ? "–" : String.format(Locale.ROOT, "**%.1f**", search.restP50()),
                search.restCount() == 0 ? "–" : String.format(Locale.ROOT, "**%.1f**", search.restP95()), search.sqlCount(),
                search.sqlP50(), search.sqlP95(),
                search.restCount() == 0 ? "–" : String.format(Locale.ROOT, "%.2f (p95: %.2f)", search.restP50() / search.sqlP50(),
                        search.restP95() / search.sqlP95())));
        md.append(String.format(Locale.ROOT, "%nErrors: REST %d, SQL %d%s%n", search.restErrors(), search.sqlErrors(),
                search.firstError() == null ? "" : " — first: " + search.firstError()));
        String tsv = tsv();
        String cols = columns();
        md.append(String.format(Locale.ROOT, "%nSQL copy of RegistryService.search as found on the bench's class path: text-search"
                + " expression `%s`, columns `%s`.%n", tsv.length() > 60 ? tsv.substring(0, 60) + "…" : tsv,
                cols.length() > 60 ? cols.substring(0, 60) + "…" : cols));
        md.append("\nHits are the total of the SQL copy; the service's in-process answer and REST's `total` are shown only where they differ."
                + " Query plans: registry-bench-plans.txt.\n");
        return md.toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    // --- plumbing -------------------------------------------------------------------------------------------

    private static HikariDataSource nodePool(Settings s) throws IOException {
        Path etc = s.nodeHome().resolve("etc");
        Path external = etc.resolve("org.ops4j.datasource-chidao.cfg");
        PGSimpleDataSource target = new PGSimpleDataSource();
        if (Files.exists(external)) {
            Properties p = properties(external);
            target.setUrl(p.getProperty("url"));
            target.setUser(p.getProperty("user"));
            target.setPassword(p.getProperty("password"));
        } else {
            Properties p = properties(etc.resolve("vn.chidao.embeddeddb.cfg"));
            target.setServerNames(new String[] {"127.0.0.1"});
            target.setPortNumbers(new int[] {Integer.parseInt(p.getProperty("port", "55432").trim())});
            target.setDatabaseName(p.getProperty("database", "chidao").trim());
            // the node's own role (issue 13: the superuser password is no longer kept in data/)
            target.setUser(EmbeddedDatabase.APP_ROLE);
            target.setPassword(EmbeddedDatabase.appPassword(s.nodeHome().resolve("data")));
        }
        return pool(target, Math.max(s.threads(), s.searchThreads()));
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static HikariDataSource pool(int port, String database, String user, String password, int threads) {
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setServerNames(new String[] {"127.0.0.1"});
        target.setPortNumbers(new int[] {port});
        target.setDatabaseName(database);
        target.setUser(user);
        target.setPassword(password);
        return pool(target, threads);
    }

    private static HikariDataSource pool(PGSimpleDataSource target, int threads) {
        target.setApplicationName("chidao-registry-bench");
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("chidao-registry-bench");
        hc.setDataSource(target);
        // as many connections as clients, like the node's own pool (poolSize 16) serves its 16 REST clients
        hc.setMaximumPoolSize(threads);
        hc.setMinimumIdle(threads);
        hc.setConnectionTimeout(60_000);
        return new HikariDataSource(hc);
    }
}
