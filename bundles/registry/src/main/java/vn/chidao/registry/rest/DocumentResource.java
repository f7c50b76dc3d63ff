package vn.chidao.registry.rest;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.platform.api.Page;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.content.ContentStore;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.Problem;
import vn.chidao.platform.api.rest.RestModule;
import vn.chidao.registry.api.AccessEntry;
import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.DocumentDraft;
import vn.chidao.registry.api.DocumentFile;
import vn.chidao.registry.api.HistoryEntry;
import vn.chidao.registry.api.Registration;
import vn.chidao.registry.api.Registry;
import vn.chidao.registry.api.SearchQuery;

/**
 * Documents: registration (clerks), reading (every role of the agency; each view is logged),
 * corrections and voiding (clerks), history, access log (leaders), file download, search.
 */
@Component(service = DocumentResource.class, property = RestModule.PROPERTY + "=registry")
@Path("/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    @Reference
    private Registry registry;

    @Reference
    private ContentStore content;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLERK)
    @ApiResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = Document.class)))
    @ApiResponse(responseCode = "409", description = "A likely duplicate: the earlier entries in duplicates; send again with confirmDuplicate",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response register(DocumentDraft draft, @Context SecurityContext security) {
        Registration r = registry.register(RestModule.caller(security), Check.body(draft));
        if (r.document() != null) {
            return Response.status(201).entity(r.document()).build();
        }
        // a likely duplicate: the clerk looks at the earlier entries and confirms (confirmDuplicate) if it is not one
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problem.type("duplicate-document"));
        problem.put("title", "Có thể trùng văn bản");
        problem.put("status", 409);
        problem.put("detail", "Đã có văn bản cùng số, ký hiệu và cơ quan ban hành (hoặc cùng mã edXML). Kiểm tra rồi gửi lại"
                + " với confirmDuplicate=true nếu đây là văn bản khác.");
        problem.put("duplicates", r.duplicates());
        return Response.status(409).type("application/problem+json").entity(problem).build();
    }

    @GET
    public Page<Document> search(@QueryParam("q") String q, @QueryParam("registerId") UUID registerId,
                                 @QueryParam("kind") String kind, @QueryParam("type") String type, @QueryParam("organ") String organ,
                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("priority") String priority, @QueryParam("status") String status,
                                 @QueryParam("sort") String sort, @QueryParam("page") String page, @QueryParam("size") String size,
                                 @Context SecurityContext security) {
        Integer p = priority == null || priority.isBlank() ? null : Check.integer(priority, "priority");
        return registry.search(RestModule.caller(security), new SearchQuery(q, registerId, kind, type, organ, Check.date(from, "from"),
                Check.date(to, "to"), p, status, sort, Check.integer(page, "page"), Check.integer(size, "size")));
    }

    @GET
    @Path("{id}")
    public Document document(@PathParam("id") UUID id, @Context SecurityContext security) {
        return registry.document(RestModule.caller(security), id).orElseThrow(() -> Check.notFound("văn bản", "document"));
    }

    @POST
    @Path("{id}/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLERK)
    public Document correct(@PathParam("id") UUID id, Bodies.Correction correction, @Context SecurityContext security) {
        Bodies.Correction c = Check.body(correction);
        return registry.correct(RestModule.caller(security), id, c.changes(), c.reason());
    }

    @POST
    @Path("{id}/void")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLERK)
    public Document voidEntry(@PathParam("id") UUID id, Bodies.Reason reason, @Context SecurityContext security) {
        return registry.voidEntry(RestModule.caller(security), id, Check.body(reason).reason());
    }

    @GET
    @Path("{id}/history")
    public List<HistoryEntry> history(@PathParam("id") UUID id, @Context SecurityContext security) {
        return registry.history(RestModule.caller(security), id);
    }

    @GET
    @Path("{id}/access")
    @RolesAllowed(Roles.LEADER)
    public List<AccessEntry> access(@PathParam("id") UUID id, @Context SecurityContext security) {
        return registry.accessLog(RestModule.caller(security), id);
    }

    @GET
    @Path("{id}/files/{sha256}")
    @Produces({"application/pdf", "application/octet-stream", MediaType.APPLICATION_JSON})
    @ApiResponse(responseCode = "200", description = "The file as stored", content = {
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))})
    public Response download(@PathParam("id") UUID id, @PathParam("sha256") String sha256, @Context SecurityContext security) {
        DocumentFile f = registry.download(RestModule.caller(security), id, sha256)
                .orElseThrow(() -> Check.notFound("tệp", "file"));
        InputStream in = content.open(f.sha256()).orElseThrow(() -> Check.notFound("tệp", "file"));
        StreamingOutput body = (OutputStream out) -> {
            try (InputStream s = in) {
                s.transferTo(out);
            }
        };
        String ascii = f.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(body, f.mediaType()).header("Content-Length", f.size())
                .header("Content-Disposition", "inline; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(f.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }
}
