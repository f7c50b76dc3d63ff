package vn.chidao.console.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.Test;

public class ImportMapTest {

    private static final String TEMPLATE = "(function () { var m = document.createElement('script');"
            + " m.textContent = \"__IMPORT_MAP__\"; })();";

    @Test
    public void theScriptCarriesTheMapAsAStringLiteral() {
        String map = "{\n  \"imports\": {\"lit\": \"/console/lib/lit/3.3.1/index.js\"}\n}";
        String script = new String(new ImportMap(map, TEMPLATE).script(), StandardCharsets.UTF_8);
        assertTrue(script, script.contains("m.textContent = \"{\\n  \\\"imports\\\": {\\\"lit\\\": "
                + "\\\"/console/lib/lit/3.3.1/index.js\\\"}\\n}\";"));
        assertFalse(script.contains("__IMPORT_MAP__"));
    }

    @Test
    public void theHashIsTheOneBrowsersComputeOfTheMapText() throws Exception {
        String map = "{\"imports\": {\"lit\": \"/x.js\"}}";
        String expected = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(map.getBytes(StandardCharsets.UTF_8)));
        assertEquals("'sha256-" + expected + "'", new ImportMap(map, TEMPLATE).hashSource());
    }

    @Test
    public void nothingInTheMapCanEndTheStringOrTheScript() {
        assertEquals("\"a\\\"b\\\\c\\u003c/script>\\u2028\"", ImportMap.jsString("a\"b\\c</script>\u2028"));
    }

    @Test
    public void theBuiltMapHasEveryVersionFilledIn() {
        ImportMap built = ImportMap.fromBundle(); // target/classes: filtered by the build
        assertTrue(built.map(), built.map().contains("\"lit\": \"/console/lib/lit/"));
        assertFalse(built.map(), built.map().contains("${"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aTemplateWithoutThePlaceholderIsRefused() {
        new ImportMap("{}", "(function () {})();");
    }
}
