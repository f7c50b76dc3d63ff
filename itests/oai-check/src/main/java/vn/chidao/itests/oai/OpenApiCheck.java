package vn.chidao.itests.oai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Checks HTTP exchanges against an OpenAPI document with Atlassian's swagger-request-validator, and the
 * document itself with swagger-parser. Only strings cross this API, so the libraries (embedded in this
 * bundle) never meet the container's copies of Jackson or the swagger models.
 */
public final class OpenApiCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final OpenApiInteractionValidator validator;

    private OpenApiCheck(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** A checker for the document (JSON). */
    public static OpenApiCheck of(String document) {
        return withOwnLoader(() -> new OpenApiCheck(OpenApiInteractionValidator.createForInlineApiSpecification(nullableInline(document))
                // the suite's tests deliberately call without credentials; whether the answer is 401 is theirs to say
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        // a body sent where the operation takes none ("{}" to an action) is ignored by the node
                        .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE)
                        // JAX-RS ignores query parameters it does not know; CXF's overrides are off (InputSecurityIT)
                        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE).build())
                .build()));
    }

    /**
     * What does not match in a request: each message as "key: text". {@code path} may carry a query
     * string; {@code headers} are the request's, {@code body} may be null.
     */
    public List<String> request(String method, String path, Map<String, String> headers, String body) {
        return messages(withOwnLoader(() -> validator.validateRequest(build(method, path, headers, body))));
    }

    /** What does not match in the answer to a request to {@code path} (the query string is ignored). */
    public List<String> response(String method, String path, int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> b.withHeader(name, values));
        if (body != null && !body.isEmpty()) {
            b.withBody(body);
        }
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return messages(withOwnLoader(() -> validator.validateResponse(bare, Request.Method.valueOf(method), b.build())));
    }

    private static SimpleRequest build(String method, String path, Map<String, String> headers, String body) {
        int q = path.indexOf('?');
        SimpleRequest.Builder b = new SimpleRequest.Builder(method, q < 0 ? path : path.substring(0, q));
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                b.withQueryParam(name, value);
            }
        }
        headers.forEach(b::withHeader);
        if (body != null) {
            b.withBody(body);
        }
        return b.build();
    }

    private static List<String> messages(ValidationReport report) {
        List<String> out = new ArrayList<>();
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> out.add(m.getKey() + ": " + m.getMessage()));
        return out;
    }

    /** swagger-parser's messages about the document (errors and warnings); empty when it is sound. */
    public static List<String> parse(String document) {
        SwaggerParseResult r = withOwnLoader(() -> new OpenAPIV3Parser().readContents(document, null, new ParseOptions()));
        List<String> out = new ArrayList<>(r.getMessages() == null ? List.of() : r.getMessages());
        if (r.getOpenAPI() == null) {
            out.add("no document");
        }
        return out;
    }

    /**
     * Operations whose request body or success answer has no schema ("METHOD path: what"). A 204
     * answer has no body by definition.
     */
    public static List<String> withoutSchemas(String document) {
        OpenAPI api = withOwnLoader(() -> new OpenAPIV3Parser().readContents(document, null, new ParseOptions()).getOpenAPI());
        List<String> out = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String where = method + " " + path;
            if (op.getRequestBody() != null && !described(op.getRequestBody().getContent())) {
                out.add(where + ": request body without schema");
            }
            boolean success = false;
            for (Map.Entry<String, ApiResponse> e : op.getResponses().entrySet()) {
                if (e.getKey().startsWith("2")) {
                    success = true;
                    if (!"204".equals(e.getKey()) && !described(e.getValue().getContent())) {
                        out.add(where + ": answer " + e.getKey() + " without schema");
                    }
                }
            }
            if (!success) {
                out.add(where + ": no success answer");
            }
            if (!problems(op)) {
                out.add(where + ": no problem+json answer");
            }
        }));
        return out;
    }

    private static boolean described(Content content) {
        return content != null && !content.isEmpty() && content.values().stream().allMatch(m -> m.getSchema() != null);
    }

    private static boolean problems(Operation op) {
        ApiResponse d = op.getResponses().get("default");
        return d != null && (d.get$ref() != null || (d.getContent() != null && d.getContent().containsKey("application/problem+json")));
    }

    /**
     * The validator does not take {@code nullable: true} beside {@code allOf: [$ref]} (the OpenAPI 3.0 way
     * to say "that schema, or null"): it refuses the null. For validation only, such a property gets a copy
     * of the referenced schema with {@code nullable: true}, which it does honour. Same meaning, other form.
     */
    static String nullableInline(String document) {
        try {
            JsonNode root = MAPPER.readTree(document);
            JsonNode schemas = root.path("components").path("schemas");
            inline(root, schemas, 0);
            return MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void inline(JsonNode node, JsonNode schemas, int depth) {
        if (node.isArray()) {
            node.forEach(n -> inline(n, schemas, depth));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) node;
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode child = o.get(name);
            String ref = nullableRef(child);
            if (ref != null && depth < 6) {
                ObjectNode copy = schemas.path(ref.substring(ref.lastIndexOf('/') + 1)).deepCopy();
                copy.put("nullable", true);
                o.set(name, copy);
                inline(copy, schemas, depth + 1);
            } else {
                inline(child, schemas, depth);
            }
        }
    }

    private static String nullableRef(JsonNode n) {
        if (!n.isObject() || !n.path("nullable").asBoolean(false) || !n.path("allOf").isArray() || n.path("allOf").size() != 1) {
            return null;
        }
        JsonNode ref = n.path("allOf").get(0).path("$ref");
        return ref.isTextual() && ref.asText().startsWith("#/components/schemas/") ? ref.asText() : null;
    }

    /** swagger-parser finds its extensions with ServiceLoader through the context class loader: this bundle's. */
    private static <T> T withOwnLoader(Supplier<T> action) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(OpenApiCheck.class.getClassLoader());
        try {
            return action.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
