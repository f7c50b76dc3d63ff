package vn.chidao.itests.oai;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.Test;

public class OpenApiCheckTest {

    private static final String DOC = "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
            + "\"paths\":{\"/x\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":"
            + "{\"schema\":{\"$ref\":\"#/components/schemas/A\"}}}}}}}},"
            + "\"components\":{\"schemas\":{\"S\":{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"string\"}}},"
            + "\"A\":{\"type\":\"object\",\"properties\":{\"s\":{\"allOf\":[{\"$ref\":\"#/components/schemas/S\"}],\"nullable\":true},"
            + "\"t\":{\"$ref\":\"#/components/schemas/S\"}}}}}}";
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

    @Test
    public void aNullableReferenceTakesNullOrTheSchemaAndNothingElse() {
        OpenApiCheck check = OpenApiCheck.of(DOC);
        assertEquals(List.of(), check.response("GET", "/x", 200, JSON, "{\"s\":null}"));
        assertEquals(List.of(), check.response("GET", "/x", 200, JSON, "{\"s\":{\"n\":\"a\"}}"));
        assertFalse(check.response("GET", "/x", 200, JSON, "{\"s\":{\"n\":5}}").isEmpty());
        // a reference not marked nullable still refuses null
        assertFalse(check.response("GET", "/x", 200, JSON, "{\"t\":null}").isEmpty());
        assertEquals(List.of(), OpenApiCheck.parse(DOC));
    }
}
