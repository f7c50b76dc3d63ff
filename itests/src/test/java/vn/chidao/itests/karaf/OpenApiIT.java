package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.oai.OpenApiCheck;
import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.OpenApiConformance;

/**
 * The OpenAPI document as a client generator and a validator see it: swagger-parser reads it without a
 * message, every operation has schemas for its request body and answers plus the shared problem answer,
 * schema names are unique across modules, Swagger UI is served without inline script, and the check the
 * whole suite runs on every exchange does catch an answer or a request that breaks the document.
 */
public class OpenApiIT extends ChidaoTestSupport {

    private String document() {
        Http.Res r = http.get("/api/v1/openapi.json", null);
        assertEquals(200, r.status());
        assertTrue(r.contentType(), r.contentType().startsWith("application/json"));
        return r.body();
    }

    @Test(timeout = 60_000)
    public void swaggerParserReadsTheDocumentWithoutAMessage() {
        List<String> messages = OpenApiCheck.parse(document());
        assertTrue("swagger-parser: " + messages, messages.isEmpty());
    }

    @Test(timeout = 60_000)
    public void everyOperationHasSchemasForItsBodiesAndAProblemAnswer() throws Exception {
        String doc = document();
        List<String> incomplete = OpenApiCheck.withoutSchemas(doc);
        assertTrue("operations without schemas:\n  " + String.join("\n  ", incomplete), incomplete.isEmpty());
        JsonNode api = AccountFixture.JSON.readTree(doc);
        int operations = 0;
        for (JsonNode item : api.path("paths")) {
            operations += item.size();
        }
        System.out.println("OpenAPI: " + api.path("paths").size() + " paths, " + operations + " operations, "
                + api.path("components").path("schemas").size() + " schemas");
        assertTrue("operations: " + operations, operations >= 60);
        // the example of the issue: a registration is described field by field, and so is its answer
        JsonNode register = api.path("paths").path("/api/v1/registry/documents").path("post");
        assertEquals("#/components/schemas/DocumentDraft",
                register.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals("#/components/schemas/Document",
                register.path("responses").path("201").path("content").path("application/json").path("schema").path("$ref").asText());
        JsonNode draft = api.path("components").path("schemas").path("DocumentDraft").path("properties");
        assertEquals("uuid", draft.path("registerId").path("format").asText());
        assertEquals("date", draft.path("issuedDate").path("format").asText());
        assertEquals("array", draft.path("files").path("type").asText());
        JsonNode document = api.path("components").path("schemas").path("Document");
        assertTrue(document.path("required").toString(), document.path("required").toString().contains("\"number\""));
        assertEquals("date-time", document.path("properties").path("registeredAt").path("format").asText());
        JsonNode problem = api.path("components").path("responses").path("Problem").path("content").path("application/problem+json");
        assertEquals("#/components/schemas/Problem", problem.path("schema").path("$ref").asText());
        // no two modules' types under one name (a clash would be written <module>.<Name>)
        List<String> renamed = new ArrayList<>();
        api.path("components").path("schemas").fieldNames().forEachRemaining(n -> {
            if (n.contains(".")) {
                renamed.add(n);
            }
        });
        assertTrue("schema names taken twice: " + renamed, renamed.isEmpty());
    }

    @Test(timeout = 60_000)
    public void swaggerUiIsServedWithoutInlineScript() {
        Http.Res page = http.get("/api/docs/", null);
        assertEquals(200, page.status());
        assertTrue(page.contentType(), page.contentType().startsWith("text/html"));
        String csp = page.header("Content-Security-Policy");
        assertNotNull(csp);
        assertTrue(csp, csp.contains("script-src 'self';"));
        assertFalse("no inline script", page.body().matches("(?s).*<script>.*"));
        assertTrue(page.body(), page.body().contains("<script src=\"swagger-ui-bundle.js\"></script>"));
        Http.Res init = http.get("/api/docs/init.js", null);
        assertEquals(200, init.status());
        assertTrue(init.body(), init.body().contains("/api/v1/openapi.json"));
        Http.Res bundle = http.get("/api/docs/swagger-ui-bundle.js", null);
        assertEquals(200, bundle.status());
        assertTrue(bundle.body().length() > 500_000);
        assertEquals(200, http.get("/api/docs/swagger-ui.css", null).status());
        Http.Res other = http.get("/api/docs/../v1/journal", null);
        assertTrue("status " + other.status(), other.status() == 404 || other.status() == 400 || other.status() == 401);
        Http.Res missing = http.get("/api/docs/nothing.js", null);
        assertEquals(404, missing.status());
        assertTrue(missing.contentType(), missing.contentType().startsWith("application/problem+json"));
    }

    @Test(timeout = 60_000)
    public void aMismatchIsCaught() {
        String doc = document();
        OpenApiCheck check = OpenApiCheck.of(doc);
        Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"));
        // the real answer matches
        Http.Res modules = http.get("/api/v1/modules", null);
        assertEquals(List.of(), check.response("GET", "/api/v1/modules", 200, modules.headers().map(), modules.body()));
        // a number where the document says text, a missing required member, an undocumented status
        assertFalse(check.response("GET", "/api/v1/modules", 200, json, "[{\"name\":5}]").isEmpty());
        assertFalse(check.response("GET", "/api/v1/journal/verify", 200, json, "{\"ok\":\"yes\"}").isEmpty());
        assertFalse(check.response("GET", "/api/v1/modules", 404, json, "{}").isEmpty());
        // a problem answer must be problem+json with its members
        assertFalse(check.response("GET", "/api/v1/modules", 500, Map.of("Content-Type", List.of("text/html")), "<html/>").isEmpty());
        // a request whose body breaks the schema
        assertFalse(check.request("POST", "/api/v1/session", Map.of("Content-Type", "application/json"),
                "{\"username\":1,\"password\":[]}").isEmpty());

        // the suite's own check: a wrong answer fails the test that got it
        OpenApiConformance conformance = new OpenApiConformance("http://127.0.0.1:" + HTTP);
        Http.Res wrong = new Http.Res(200, "application/json", "[{\"name\":5}]",
                java.net.http.HttpHeaders.of(json, (a, b) -> true));
        try {
            conformance.exchange("GET", "/api/v1/modules", Map.of(), null, wrong);
            fail("a wrong answer passed");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("OpenAPI mismatch"));
        }
        // a request the document forbids, accepted by the node: also a failure
        Http.Res accepted = new Http.Res(200, "application/json", "{}", java.net.http.HttpHeaders.of(json, (a, b) -> true));
        try {
            conformance.exchange("POST", "/api/v1/session", Map.of("Content-Type", "application/json"),
                    "{\"username\":1,\"password\":[]}", accepted);
            fail("an accepted wrong request passed");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("accepted a request the document forbids"));
        }
        // and the very same wrong request, refused by the node, is what a careful test sends on purpose
        Http.Res refused = http.postJson("/api/v1/session", "{\"username\":1,\"password\":[]}", null);
        assertEquals(400, refused.status());
        assertTrue("exchanges checked: " + OpenApiConformance.CHECKED.get(), OpenApiConformance.CHECKED.get() > 0);
    }
}
