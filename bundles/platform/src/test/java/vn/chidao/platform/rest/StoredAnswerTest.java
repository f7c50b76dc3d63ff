package vn.chidao.platform.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MediaType;

import org.junit.Test;

/** What the idempotency table keeps of a first answer: no secret, bounded. */
public class StoredAnswerTest {

    private static String kept(StoredAnswer a) {
        return new String(a.body(), StandardCharsets.UTF_8);
    }

    @Test
    public void oneTimePasswordsAndTotpSecretsAreNotKept() throws Exception {
        record User(String id, String username, boolean mustChangePassword) {
        }
        record Decision(Object request, User user, String oneTimePassword) {
        }
        StoredAnswer reset = StoredAnswer.of(new Decision(null, new User("u1", "vanthu", true), "Mật-khẩu-1-lần-Xy9"),
                MediaType.APPLICATION_JSON_TYPE);
        assertEquals(StoredAnswer.REDACTED, reset.note());
        assertFalse(kept(reset), kept(reset).contains("Xy9"));
        assertTrue(kept(reset), kept(reset).contains("\"oneTimePassword\":null"));
        assertTrue("no secret is kept as is", kept(reset).contains("\"mustChangePassword\":true"));
        assertTrue(kept(reset), kept(reset).contains("\"username\":\"vanthu\""));

        Map<String, String> totp = Map.of("secret", "JBSWY3DPEHPK3PXP",
                "uri", "otpauth://totp/Chidao:vanthu?secret=JBSWY3DPEHPK3PXP&issuer=Chidao");
        StoredAnswer enrol = StoredAnswer.of(totp, MediaType.APPLICATION_JSON_TYPE);
        assertFalse(kept(enrol), kept(enrol).contains("JBSWY3DPEHPK3PXP"));
        assertEquals(StoredAnswer.REDACTED, enrol.note());
    }

    @Test
    public void secretsAreFoundAtAnyDepthAndInAnyCase() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("AccessToken", "a1");
        inner.put("refreshToken", "r1");
        inner.put("csrfToken", "c1");
        inner.put("token", "t1");
        inner.put("newPassword", "p1");
        inner.put("link", "OTPAUTH://totp/x?secret=S1");
        inner.put("uri", "https://chidao.example/ok");
        Map<String, Object> body = Map.of("items", List.of(inner), "password", "p2");
        StoredAnswer a = StoredAnswer.of(body, null);
        String json = kept(a);
        for (String secret : List.of("a1", "r1", "c1", "t1", "p1", "S1", "p2")) {
            assertFalse(secret + " in " + json, json.contains("\"" + secret + "\"") || json.contains("=" + secret));
        }
        assertTrue("an ordinary uri stays", json.contains("https://chidao.example/ok"));
    }

    @Test
    public void answersWithoutSecretsAreKeptAsTheyAre() throws Exception {
        byte[] problem = "{\"type\":\"urn:chidao:problem:not-found\",\"status\":404}".getBytes(StandardCharsets.UTF_8);
        StoredAnswer a = StoredAnswer.of(problem, MediaType.valueOf("application/problem+json"));
        assertNull(a.note());
        assertEquals("application/problem+json", a.contentType());
        assertEquals(new String(problem, StandardCharsets.UTF_8), kept(a));
        StoredAnswer none = StoredAnswer.of(null, null);
        assertNull(none.body());
        assertNull(none.note());
    }

    @Test
    public void bigOrNonJsonAnswersKeepNoBody() throws Exception {
        StoredAnswer big = StoredAnswer.of(Map.of("text", "x".repeat(StoredAnswer.MAX_BYTES)), MediaType.APPLICATION_JSON_TYPE);
        assertNull(big.body());
        assertEquals(StoredAnswer.OMITTED, big.note());
        StoredAnswer text = StoredAnswer.of("one-time password: abc", MediaType.TEXT_PLAIN_TYPE);
        assertNull(text.body());
        assertEquals(StoredAnswer.OMITTED, text.note());
        StoredAnswer broken = StoredAnswer.of("{not json", MediaType.APPLICATION_JSON_TYPE);
        assertNull(broken.body());
        assertEquals(StoredAnswer.OMITTED, broken.note());
    }

    @Test
    public void theRequestHashCoversMethodPathAndBody() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String h = IdempotencyFilter.requestHash("POST", "/api/v1/x", body);
        assertEquals(64, h.length());
        assertFalse(h.equals(IdempotencyFilter.requestHash("PUT", "/api/v1/x", body)));
        assertFalse(h.equals(IdempotencyFilter.requestHash("POST", "/api/v1/y", body)));
        assertFalse(h.equals(IdempotencyFilter.requestHash("POST", "/api/v1/x", new byte[0])));
    }
}
