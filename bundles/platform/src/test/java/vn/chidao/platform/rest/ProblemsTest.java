package vn.chidao.platform.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import javax.ws.rs.core.Response;

import org.junit.Test;

public class ProblemsTest {

    @Test
    public void vietnameseUnlessEnglishIsPreferred() {
        assertFalse(Problems.english(List.of()));
        assertFalse(Problems.english(List.of(Locale.forLanguageTag("vi-VN"), Locale.ENGLISH)));
        assertTrue(Problems.english(List.of(Locale.forLanguageTag("en-US"), Locale.forLanguageTag("vi"))));
        assertFalse(Problems.english(List.of(Locale.FRENCH)));
    }

    @Test
    public void answerIsProblemJsonWithStableType() {
        Response r = Problems.response(Problems.of(405), false);
        assertEquals(405, r.getStatus());
        assertEquals("application/problem+json", r.getMetadata().getFirst("Content-Type").toString());
        String body = new String((byte[]) r.getEntity(), StandardCharsets.UTF_8);
        assertTrue(body, body.startsWith("{\"type\":\"urn:chidao:problem:method-not-allowed\",\"title\":\"Phương thức"));
        assertTrue(new String((byte[]) Problems.response(Problems.of(413), true).getEntity(), StandardCharsets.UTF_8)
                .contains("\"title\":\"Payload too large\""));
    }

    @Test
    public void unavailableAnswersCarryRetryAfter() {
        Response r = Problems.response(vn.chidao.platform.api.rest.ProblemException.unavailable("database-unavailable",
                "Cơ sở dữ liệu đang gián đoạn.", "The database is away.", 5), true);
        assertEquals(503, r.getStatus());
        assertEquals("5", r.getMetadata().getFirst("Retry-After").toString());
        assertEquals(null, Problems.response(Problems.of(404), true).getMetadata().getFirst("Retry-After"));
    }

    @Test
    public void openApiPathsAreNormalised() {
        assertEquals("/api/v1/journal/verify", OpenApi.normalise("/api/v1//journal/verify/"));
        assertEquals("/api/v1", RestPublisher.address("platform").replace("/v1", "/api/v1"));
        assertEquals("/v1/registry", RestPublisher.address("registry"));
    }
}
