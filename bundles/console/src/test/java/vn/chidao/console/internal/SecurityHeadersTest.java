package vn.chidao.console.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.Test;

public class SecurityHeadersTest {

    private static final String HASH = "'sha256-AAAA'";
    private final SecurityHeaders headers = new SecurityHeaders(HASH);

    /** directive name -> its sources, as a browser splits the header. */
    private static Map<String, List<String>> directives(String policy) {
        return Arrays.stream(policy.split(";")).map(String::trim).map(d -> Arrays.asList(d.split("\\s+")))
                .collect(Collectors.toMap(d -> d.get(0), d -> d.subList(1, d.size()), (a, b) -> a));
    }

    @Test
    public void pagesGetAStrictPolicyWithoutInlineCodeOrEval() {
        Map<String, List<String>> page = directives(headers.policyFor("/console/"));
        assertEquals(List.of("'self'"), page.get("default-src"));
        assertEquals(List.of("'self'", HASH), page.get("script-src"));
        assertEquals(List.of("'self'"), page.get("style-src"));
        assertEquals(List.of("'none'"), page.get("object-src"));
        assertEquals(List.of("'none'"), page.get("base-uri"));
        assertEquals(List.of("'none'"), page.get("frame-ancestors"));
        assertEquals(List.of("'self'"), page.get("form-action"));
        for (String path : List.of("/console/", "/console/m/registry/", "/console/js/app.js",
                "/console/m/registry/lib/pdfjs/build/pdf.worker.min.js", "/console/lib/lit/3.3.1/index.js")) {
            String policy = headers.policyFor(path);
            assertFalse(policy, policy.contains("unsafe-inline"));
            assertFalse(policy, policy.replace("'wasm-unsafe-eval'", "").contains("unsafe-eval"));
            assertFalse(policy, policy.contains("*") || policy.contains("data:") || policy.contains("blob:"));
        }
    }

    @Test
    public void onlyLibraryFilesMayCompileWebAssembly() {
        Function<String, List<String>> scripts = path -> directives(headers.policyFor(path)).get("script-src");
        assertTrue(scripts.apply("/console/m/registry/lib/pdfjs/build/pdf.worker.min.js").contains("'wasm-unsafe-eval'"));
        assertFalse(scripts.apply("/console/m/registry/").contains("'wasm-unsafe-eval'"));
        assertFalse(scripts.apply("/console/js/app.js").contains("'wasm-unsafe-eval'"));
    }
}
