package vn.chidao.platform.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.junit.Test;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

public class OpenApiTest {

    public record Inner(String code) {
    }

    public record Thing(UUID id, int number, String note, Inner inner, List<Inner> items, Instant at) {
    }

    @Path("/things")
    @Produces(MediaType.APPLICATION_JSON)
    public static class ThingResource {
        @GET
        @Path("{id}")
        public Thing thing(@PathParam("id") UUID id) {
            return null;
        }

        @POST
        @RolesAllowed({"clerk"})
        @javax.ws.rs.Consumes(MediaType.APPLICATION_JSON)
        public Thing add(Thing draft) {
            return draft;
        }
    }

    /** A record of the same simple name in another module: must not silently replace the first. */
    public static class Other {
        public record Thing(String other) {
        }

        @Path("/others")
        public static class OtherResource {
            @GET
            @Produces(MediaType.APPLICATION_JSON)
            public Thing thing() {
                return null;
            }
        }
    }

    private static OpenAPI generate(Map<String, List<Class<?>>> modules) {
        RecordSchemas records = new RecordSchemas();
        ModelConverters.getInstance().addConverter(records);
        try {
            return OpenApi.generate(modules);
        } finally {
            ModelConverters.getInstance().removeConverter(records);
        }
    }

    @Test
    public void schemasRolesAndProblemsFromTheLibrary() throws Exception {
        OpenAPI doc = generate(Map.of("platform", List.of(PlatformResource.class, SessionResource.class),
                "demo", List.of(ThingResource.class)));
        String json = Json.mapper().writeValueAsString(doc);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json);
        assertTrue(String.valueOf(parsed.getMessages()), parsed.getMessages() == null || parsed.getMessages().isEmpty());
        var add = doc.getPaths().get("/api/v1/demo/things").getPost();
        assertEquals(List.of("clerk"), add.getExtensions().get("x-roles"));
        assertNotNull(add.getRequestBody().getContent().get("application/json").getSchema().get$ref());
        assertNotNull(add.getResponses().get("200").getContent().get("application/json").getSchema());
        assertEquals("#/components/responses/Problem", add.getResponses().get("default").get$ref());
        io.swagger.v3.oas.models.media.Schema<?> thing = doc.getComponents().getSchemas().get("Thing");
        Map<String, io.swagger.v3.oas.models.media.Schema> props = thing.getProperties();
        assertEquals(List.of("number"), thing.getRequired());
        assertTrue(props.get("note").getNullable());
        assertEquals("uuid", props.get("id").getFormat());
        assertEquals(List.of(), doc.getPaths().get("/api/v1/health").getGet().getSecurity());
        assertNotNull(doc.getPaths().get("/api/v1/session").getPost());
    }

    @Test
    public void aSecondTypeUnderATakenSchemaNameIsRenamedWithItsModule() throws Exception {
        OpenAPI doc = generate(new java.util.TreeMap<>(Map.of("a", List.of(ThingResource.class), "b", List.of(Other.OtherResource.class))));
        assertTrue(doc.getComponents().getSchemas().get("Thing").getProperties().containsKey("number"));
        assertTrue(doc.getComponents().getSchemas().get("b.Thing").getProperties().containsKey("other"));
        assertEquals("#/components/schemas/b.Thing", doc.getPaths().get("/api/v1/b/others").getGet().getResponses().get("200")
                .getContent().get("application/json").getSchema().get$ref());
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(Json.mapper().writeValueAsString(doc));
        assertTrue(String.valueOf(parsed.getMessages()), parsed.getMessages() == null || parsed.getMessages().isEmpty());
    }
}
