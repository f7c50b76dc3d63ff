package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
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

/** A flaky commune link retries a POST: with the same Idempotency-Key it runs once. */
public class IdempotencyIT extends ChidaoTestSupport {

    @Inject
    @Filter("(osgi.jndi.service.name=chidao)")
    DataSource dataSource;

    private Http.Res post(String token, String key, String text) {
        return http.send("POST", "/api/v1/testmodule/notes", "{\"text\":\"" + text + "\"}", Map.of(
                "Content-Type", "application/json", "Authorization", "Bearer " + token, "Idempotency-Key", key));
    }

    @Test(timeout = 60_000)
    public void retryGetsTheFirstAnswerAndNothingRunsTwice() throws Exception {
        String token = adminToken();
        String key = UUID.randomUUID().toString();
        String text = "Công văn " + key;
        Http.Res first = post(token, key, text);
        assertEquals(first.body(), 201, first.status());
        Http.Res retry = post(token, key, text);
        assertEquals(201, retry.status());
        assertEquals(first.body(), retry.body());
        assertEquals("true", retry.header("Idempotency-Replayed"));
        assertEquals(1, rows(text));
        Http.Res reused = post(token, key, "another body");
        PlatformIT.assertProblem(reused, 422, "idempotency-key-reused");
        assertEquals(0, rows("another body"));
    }

    @Test(timeout = 60_000)
    public void concurrentRetriesRunOnce() throws Exception {
        String token = adminToken();
        String key = UUID.randomUUID().toString();
        String text = "Song song " + key;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Http.Res>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(pool.submit(() -> post(token, key, text)));
        }
        int created = 0;
        for (Future<Http.Res> f : all) {
            Http.Res r = f.get();
            assertTrue(r.status() + " " + r.body(), r.status() == 201 || r.status() == 409);
            if (r.status() == 201 && r.header("Idempotency-Replayed") == null) {
                created++;
            }
        }
        pool.shutdown();
        assertEquals("exactly one execution", 1, created);
        assertEquals(1, rows(text));
    }

    @Test(timeout = 60_000)
    public void postsWithoutAKeyRunEachTime() throws Exception {
        String token = adminToken();
        String text = "Không khóa " + UUID.randomUUID();
        assertEquals(201, http.postJson("/api/v1/testmodule/notes", "{\"text\":\"" + text + "\"}", token).status());
        assertEquals(201, http.postJson("/api/v1/testmodule/notes", "{\"text\":\"" + text + "\"}", token).status());
        assertEquals(2, rows(text));
    }

    private int rows(String text) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM testmodule.note WHERE text = ?")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
