package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chidao.itests.support.Http;

/**
 * The console's web hardening and demo mode: every console page (the shell and each module's screens)
 * comes with a strict Content-Security-Policy that allows no inline script but the import map (by its
 * hash), plus nosniff, no referrer and no framing; the pages hold no inline script. The suite runs in
 * demo mode, and health says so (the browser tests check the banner and a node without demo).
 */
public class WebSecurityIT extends ChidaoTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IMPORT_MAP_LITERAL = Pattern.compile("textContent = (\"(?:[^\"\\\\]|\\\\.)*\")");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);

    @Test(timeout = 60_000)
    public void everyConsolePageHasAStrictPolicyAndTheOtherSecurityHeaders() throws Exception {
        List<String> pages = consolePages();
        assertTrue("the shell and the account and registry screens at least: " + pages, pages.size() >= 3);
        for (String page : pages) {
            Http.Res r = http.get(page, null);
            assertEquals(page, 200, r.status());
            assertTrue(page + ": " + r.contentType(), r.contentType().startsWith("text/html"));
            assertStrictHeaders(page, r);
            Matcher inline = INLINE_SCRIPT.matcher(r.body());
            assertFalse(page + " has an inline script: " + (inline.find() ? inline.group() : ""), inline.reset().find());
            assertTrue(page + " loads the import map script first", r.body().indexOf("/console/js/importmap.js")
                    < r.body().indexOf("type=\"module\""));
        }
        // scripts, styles, messages and libraries too (what a browser would sniff or frame)
        for (String path : List.of("/console/js/app.js", "/console/css/console.css", "/console/i18n/vi.json",
                "/console/js/importmap.js")) {
            Http.Res r = http.get(path, null);
            assertEquals(path, 200, r.status());
            assertStrictHeaders(path, r);
        }
        Http.Res redirect = http.get("/console", null);
        assertEquals(302, redirect.status());
        assertNotNull("even the redirect", redirect.header("Content-Security-Policy"));
    }

    @Test(timeout = 60_000)
    public void theImportMapIsTheOnlyInlineScriptAllowedAndItResolves() throws Exception {
        Http.Res script = http.get("/console/js/importmap.js", null);
        assertEquals(200, script.status());
        assertTrue(script.contentType(), script.contentType().startsWith("text/javascript"));
        Matcher literal = IMPORT_MAP_LITERAL.matcher(script.body());
        assertTrue(script.body(), literal.find());
        String map = JSON.readValue(literal.group(1), String.class); // a JSON string literal is a JS one too
        String hash = "'sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(map.getBytes(StandardCharsets.UTF_8))) + "'";
        Map<String, List<String>> policy = directives(http.get("/console/", null).header("Content-Security-Policy"));
        assertEquals(List.of("'self'", hash), policy.get("script-src"));
        // every module file of the map is served (the versions the build filled in are the unpacked ones)
        JsonNode imports = JSON.readTree(map).path("imports");
        assertTrue(map, imports.has("lit"));
        for (JsonNode target : imports) {
            if (!target.asText().endsWith("/")) {
                assertEquals(target.asText(), 200, http.get(target.asText(), null).status());
            }
        }
    }

    @Test(timeout = 60_000)
    public void healthSaysTheSuiteNodeRunsInDemoMode() throws Exception {
        JsonNode health = JSON.readTree(http.get("/api/v1/health", null).body());
        assertTrue(health.toString(), health.path("demo").asBoolean(false));
        assertEquals(List.of("account"), JSON.convertValue(health.path("demoModules"), List.class));
        assertTrue(health.toString(), health.path("demoWarning").path("vi").asText().startsWith("Chế độ trình diễn"));
        assertTrue(health.toString(), health.path("demoWarning").path("en").asText().startsWith("Demo mode"));
        // the account module's announcement, the only source the platform reads
        ServiceReference<?>[] announced = bundleContext.getAllServiceReferences(null, "(chidao.demo=account)");
        assertNotNull("account module announces demo mode", announced);
        assertEquals(1, announced.length);
    }

    private static void assertStrictHeaders(String path, Http.Res r) {
        String csp = r.header("Content-Security-Policy");
        assertNotNull(path + ": no Content-Security-Policy", csp);
        Map<String, List<String>> policy = directives(csp);
        assertEquals(path, List.of("'self'"), policy.get("default-src"));
        assertEquals(path, "'self'", policy.get("script-src").get(0));
        assertEquals(path, List.of("'none'"), policy.get("object-src"));
        assertEquals(path, List.of("'none'"), policy.get("base-uri"));
        assertEquals(path, List.of("'none'"), policy.get("frame-ancestors"));
        assertEquals(path, List.of("'self'"), policy.get("form-action"));
        assertEquals(path, List.of("'self'"), policy.get("style-src"));
        assertFalse(path + ": " + csp, csp.contains("'unsafe-inline'") || csp.contains("'unsafe-eval'"));
        assertEquals(path, "nosniff", r.header("X-Content-Type-Options"));
        assertEquals(path, "no-referrer", r.header("Referrer-Policy"));
        assertEquals(path, "DENY", r.header("X-Frame-Options"));
    }

    /** The shell and every module screen of the catalogue. */
    private List<String> consolePages() throws Exception {
        List<String> pages = new ArrayList<>(List.of("/console/"));
        for (JsonNode module : JSON.readTree(http.get("/api/v1/modules", null).body())) {
            if (module.hasNonNull("consoleEntry")) {
                pages.add(module.path("consoleEntry").asText());
            }
        }
        return pages;
    }

    private static Map<String, List<String>> directives(String policy) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            List<String> parts = Arrays.asList(directive.trim().split("\\s+"));
            out.putIfAbsent(parts.get(0), parts.subList(1, parts.size()));
        }
        return out;
    }
}
