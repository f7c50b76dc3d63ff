package vn.chidao.platform.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/**
 * Swagger UI (from its WebJar, unpacked into this bundle at build time) at {@code /api/docs/}, reading
 * the live document at {@code /api/v1/openapi.json}. Part of the fallback application at {@code /api},
 * since the CXF servlet owns every path below it. Only the files listed here are served, under a
 * Content-Security-Policy without inline scripts (the page loads its initializer as a file).
 */
@Path("/docs")
@PermitAll
public class ApiDocs {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "init.js", "text/javascript; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui.css", "text/css; charset=utf-8");
    // Swagger UI sets style attributes from script, hence inline styles; scripts only from the node
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    /** {@code /api/docs} goes to {@code /api/docs/}, so that the page's relative links resolve. */
    @GET
    public Response index(@Context UriInfo uri) {
        return uri.getRequestUri().getPath().endsWith("/") ? file("index.html")
                : Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create("/api/docs/")).build();
    }

    @GET
    @Path("{name}")
    public Response file(@PathParam("name") String name) {
        String type = FILES.get(name);
        InputStream in = type == null ? null : ApiDocs.class.getResourceAsStream("/docs/" + name);
        if (in == null) {
            throw Problems.of(404);
        }
        return Response.ok(in, type).header("Content-Security-Policy", POLICY).header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "index.html".equals(name) ? "no-cache" : "max-age=3600").build();
    }
}
