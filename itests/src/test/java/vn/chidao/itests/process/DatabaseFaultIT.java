package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.AfterClass;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.KarafProcess;

/**
 * Issue 15: the embedded PostgreSQL killed with -9, twice, while clerks register documents. Health says
 * DOWN within 2 s and UP again within 15 s each time, without anybody touching Karaf; every registration
 * answered 2xx is there afterwards, the register is gapless, every failed one was a 503 problem with
 * Retry-After that stored nothing; health always answered within a second; then bin/stop ends Karaf and
 * PostgreSQL within 30 s.
 */
public class DatabaseFaultIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OFFSET = 85;
    private static KarafProcess node;

    @AfterClass
    public static void stop() throws Exception {
        KarafProcess.stop(node);
    }

    @Test(timeout = 600_000)
    public void survivesTwoKillsOfItsDatabaseAndStopsInBoundedTime() throws Exception {
        node = KarafProcess.unpack("dbfault", OFFSET).set("etc/vn.chidao.account.cfg", "demo", "true")
                .set("etc/vn.chidao.registry.cfg", "demo", "true");
        node.start().awaitUp(Duration.ofSeconds(150));
        Http http = node.http();
        String password = KarafProcess.awaitPassword("demo-passwords.txt", node);
        String[] token = new String[1];
        assertTrue(Http.await(Duration.ofSeconds(90), () -> {
            Http.Res r = http.postJson("/api/v1/session", "{\"username\":\"vanthu.vptu\",\"password\":\"" + password + "\"}", null);
            token[0] = r.status() == 200 ? Http.field(r.body(), "token") : null;
            return token[0] != null && http.get("/api/v1/registry/registers", token[0]).status() == 200;
        }));
        String register = null;
        for (JsonNode r : JSON.readTree(http.get("/api/v1/registry/registers", token[0]).body())) {
            if (r.path("kind").asText().equals("incoming")) {
                register = r.path("id").asText();
            }
        }
        String reg = register;
        long karaf = node.javaProcess().orElseThrow().pid();
        Path pgData = node.home.resolve("data/pgdata");

        // clerks registering, and a monitor asking health ten times a second
        AtomicBoolean go = new AtomicBoolean(true);
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger created = new AtomicInteger();
        AtomicLong slowestHealth = new AtomicLong();
        AtomicBoolean down = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int w = t;
            clients.add(pool.submit(() -> {
                for (int i = 0; go.get(); i++) {
                    int n = 100_000 * (w + 1) + i;
                    String subject = "Sự cố CSDL " + n;
                    Http.Res r = http.postJson("/api/v1/registry/documents", draft(reg, subject, n), token[0]);
                    if (r.status() == 201) {
                        acknowledged.add(subject);
                        created.incrementAndGet();
                    } else if (r.status() == 503 && r.contentType().startsWith("application/problem+json")
                            && r.body().contains("database-unavailable") && "5".equals(r.header("Retry-After"))) {
                        refused.add(subject);
                    } else {
                        unexpected.add(r.status() + " " + r.header("Retry-After") + " " + r.body());
                    }
                }
                return null;
            }));
        }
        clients.add(pool.submit(() -> {
            while (go.get()) {
                long t0 = System.nanoTime();
                Http.Res r = http.get("/api/v1/health", null);
                slowestHealth.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                down.set(!(r.status() == 200 && r.body().contains("\"database\":{\"status\":\"UP\"")));
                Thread.sleep(100);
            }
            return null;
        }));

        List<String> figures = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            int before = created.get();
            assertTrue("registrations go on before kill " + round + "; unexpected answers: " + unexpected.stream().limit(3).toList()
                            + ", health down " + down.get(),
                    Http.await(Duration.ofSeconds(60), () -> created.get() >= before + 20 && !down.get()));
            long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
            long t0 = System.nanoTime();
            new ProcessBuilder("kill", "-9", Long.toString(postmaster)).start().waitFor();
            assertTrue("health DOWN within 2 s after kill " + round, Http.await(Duration.ofSeconds(2), down::get));
            double downAfter = (System.nanoTime() - t0) / 1e9;
            assertTrue("health UP within 15 s after kill " + round, Http.await(Duration.ofSeconds(15), () -> !down.get()));
            double upAfter = (System.nanoTime() - t0) / 1e9;
            int atUp = created.get();
            assertTrue("registrations succeed again after kill " + round,
                    Http.await(Duration.ofSeconds(30), () -> created.get() >= atUp + 10));
            figures.add(String.format("kill %d: DOWN after %.2f s, UP after %.2f s", round, downAfter, upAfter));
        }
        Http.Res health = http.get("/api/v1/health", null);
        go.set(false);
        for (Future<?> f : clients) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals("every answer was a 201 or a 503 database-unavailable problem with Retry-After", List.of(),
                new ArrayList<>(unexpected));
        assertEquals("Karaf itself was never touched", karaf, node.javaProcess().orElseThrow().pid());
        assertTrue("health answered within a second, slowest " + slowestHealth.get() + " ms", slowestHealth.get() < 1000);
        assertEquals(200, health.status());
        List<String> stored = subjects(reg);
        assertEquals("the register is gapless", IntStream.rangeClosed(1, stored.size()).boxed().toList(), numbers(reg));
        Set<String> storedSet = new HashSet<>(stored);
        assertTrue("every acknowledged registration is there", storedSet.containsAll(acknowledged));
        Set<String> leaked = new HashSet<>(refused);
        leaked.retainAll(storedSet);
        assertEquals("a registration answered 503 stored nothing", Set.of(), leaked);
        System.out.printf("DatabaseFaultIT: %s; %d registrations acknowledged, %d answered 503; slowest health %d ms%n",
                String.join("; ", figures), acknowledged.size(), refused.size(), slowestHealth.get());

        long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
        long t0 = System.nanoTime();
        Process stop = new ProcessBuilder(node.home.resolve("bin/stop").toString()).directory(node.home.toFile())
                .redirectErrorStream(true).start();
        assertTrue("bin/stop returned within 30 s", stop.waitFor(30, TimeUnit.SECONDS));
        double stopped = (System.nanoTime() - t0) / 1e9;
        String said = KarafProcess.read(stop.getInputStream());
        assertEquals(said, 0, stop.exitValue());
        assertTrue(said, said.startsWith("Stopped"));
        assertFalse("no Karaf left", ProcessHandle.of(karaf).map(ProcessHandle::isAlive).orElse(false));
        assertFalse("no PostgreSQL left", ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false));
        System.out.printf("DatabaseFaultIT: bin/stop took %.1f s and said: %s%n", stopped, said.trim());
    }

    private static String draft(String register, String subject, int n) {
        return "{\"registerId\":\"" + register + "\",\"typeCode\":\"CV\",\"subject\":\"" + subject + "\","
                + "\"organName\":\"Ủy ban nhân dân tỉnh\",\"originalNumber\":\"" + n + "\",\"originalNotation\":\"" + n
                + "/UBND-VP\",\"arrivalMethod\":\"system\"}";
    }

    /** Straight to the embedded server, as the owner role, while the node is still up. */
    private static Connection connect() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {55700 + OFFSET});
        ds.setDatabaseName("chidao");
        ds.setUser("chidao");
        ds.setPassword(Files.readString(node.home.resolve("data/pg-app-password")).trim());
        return ds.getConnection();
    }

    private static List<String> subjects(String register) throws Exception {
        return column(register, "subject");
    }

    private static List<Integer> numbers(String register) throws Exception {
        return column(register, "number").stream().map(Integer::valueOf).sorted().toList();
    }

    private static List<String> column(String register, String column) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + "::text FROM registry.document WHERE register_id = ?::uuid ORDER BY number")) {
            ps.setString(1, register);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
