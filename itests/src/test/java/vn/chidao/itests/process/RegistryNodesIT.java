package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.AfterClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.KarafProcess;
import vn.chidao.itests.support.TestDatabase;

/**
 * Gapless numbering where it is hardest: 32 clerks' registrations at once into one register through
 * two Karaf nodes sharing the database, then a node killed (-9) in the middle of a stream of
 * registrations. The register must hold exactly the numbers 1..N, each once.
 */
public class RegistryNodesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KarafProcess a;
    private static KarafProcess b;

    @AfterClass
    public static void stop() throws Exception {
        KarafProcess.stop(a, b);
    }

    private static KarafProcess node(String name, int offset, String db) throws Exception {
        return KarafProcess.unpack(name, offset).external(db).set("etc/vn.chidao.account.cfg", "demo", "true")
                .set("etc/vn.chidao.registry.cfg", "demo", "true");
    }

    @Test(timeout = 600_000)
    public void numbersStayGaplessAcrossNodesAndAKill9() throws Exception {
        String db = "chidao_registry_nodes";
        DataSource ds = TestDatabase.dataSource(db);
        a = node("reg-a", 60, db);
        b = node("reg-b", 70, db);
        a.start();
        b.start();
        a.awaitUp(Duration.ofSeconds(150));
        b.awaitUp(Duration.ofSeconds(150));
        String password = KarafProcess.awaitPassword("demo-passwords.txt", a, b);
        String token = await(() -> login(a, password));
        assertTrue("registry up on both nodes", Http.await(Duration.ofSeconds(90),
                () -> a.http().get("/api/v1/registry/registers", token).status() == 200
                        && b.http().get("/api/v1/registry/registers", token).status() == 200));
        String register = null;
        for (JsonNode r : JSON.readTree(a.http().get("/api/v1/registry/registers", token).body())) {
            if (r.path("kind").asText().equals("incoming")) {
                register = r.path("id").asText();
            }
        }
        String reg = register;

        // 32 registrations at once, half through each node
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            KarafProcess via = i % 2 == 0 ? a : b;
            int n = i;
            results.add(pool.submit(() -> via.http().postJson("/api/v1/registry/documents", draft(reg, n), token).status()));
        }
        for (Future<Integer> f : results) {
            assertEquals(Integer.valueOf(201), f.get());
        }
        assertEquals(numbers(ds, reg, 32), range(32));

        // a stream of registrations through node A, which is killed in the middle of it
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicInteger created = new AtomicInteger();
        List<Future<Object>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int w = t;
            writers.add(pool.submit((Callable<Object>) () -> {
                for (int i = 0; go.get(); i++) {
                    if (a.http().postJson("/api/v1/registry/documents", draft(reg, 1000 * w + i), token).status() == 201) {
                        created.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        assertTrue(Http.await(Duration.ofSeconds(60), () -> created.get() >= 40));
        a.kill9();
        go.set(false);
        for (Future<Object> f : writers) {
            f.get();
        }
        pool.shutdown();
        int afterKill = count(ds, reg);
        assertEquals("no gap and no duplicate after kill -9", numbers(ds, reg, afterKill), range(afterKill));
        // the survivor and the restarted node go on from the next number
        assertEquals(201, b.http().postJson("/api/v1/registry/documents", draft(reg, 9999), token).status());
        a.start().awaitUp(Duration.ofSeconds(150));
        assertTrue(Http.await(Duration.ofSeconds(60),
                () -> a.http().postJson("/api/v1/registry/documents", draft(reg, 10000), token).status() == 201));
        int total = count(ds, reg);
        assertEquals(afterKill + 2, total);
        assertEquals(numbers(ds, reg, total), range(total));
        assertEquals(List.of(), b.unexpectedErrors());
    }

    private static String draft(String register, int n) {
        return "{\"registerId\":\"" + register + "\",\"typeCode\":\"CV\",\"subject\":\"Văn bản đến số " + n + "\","
                + "\"organName\":\"Ủy ban nhân dân tỉnh\",\"originalNumber\":\"" + n + "\",\"originalNotation\":\"" + n
                + "/UBND-VP\",\"arrivalMethod\":\"system\"}";
    }

    private static String login(KarafProcess k, String password) {
        Http.Res r = k.http().postJson("/api/v1/session", "{\"username\":\"vanthu.vptu\",\"password\":\"" + password + "\"}", null);
        return r.status() == 200 ? Http.field(r.body(), "token") : null;
    }

    private static String await(java.util.function.Supplier<String> s) {
        String[] found = new String[1];
        assertTrue(Http.await(Duration.ofSeconds(90), () -> (found[0] = s.get()) != null));
        return found[0];
    }

    private static int count(DataSource ds, String register) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM registry.document WHERE register_id = ?::uuid")) {
            ps.setString(1, register);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<Integer> numbers(DataSource ds, String register, int expected) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT number FROM registry.document WHERE register_id = ?::uuid ORDER BY number")) {
            ps.setString(1, register);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        assertEquals(expected, out.size());
        return out;
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(i);
        }
        return out;
    }
}
