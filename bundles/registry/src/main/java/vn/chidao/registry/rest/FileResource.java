package vn.chidao.registry.rest;

import java.io.InputStream;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.content.ContentStore;
import vn.chidao.platform.api.content.StoredContent;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;

/**
 * Uploads: the raw bytes as the request body, the declared type as Content-Type and the file name as
 * {@code ?name=}. The store checks the bytes and keeps them once, on behalf of the caller's acting agency
 * (which may then cite them in a registration: the answer's sha256). Nothing is kept from a refused
 * upload. The answer leaves out when the bytes were first stored: that would tell the uploader whether
 * another agency holds the same file.
 */
@Component(service = FileResource.class, property = RestModule.PROPERTY + "=registry")
@Path("/files")
@Produces(MediaType.APPLICATION_JSON)
public class FileResource {

    @Reference
    private ContentStore content;

    @POST
    @Consumes("*/*")
    @RolesAllowed({Roles.CLERK, Roles.SPECIALIST})
    @ApiResponse(responseCode = "201", description = "Stored; what the bytes proved", content = @Content(schema = @Schema(implementation = Uploaded.class)))
    public Response upload(InputStream body, @QueryParam("name") String name, @HeaderParam("Content-Type") String type,
                           @Context SecurityContext security) {
        String declared = type == null ? null : type.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        Check.text(name, "name", 255, true);
        Caller caller = RestModule.caller(security);
        if (!caller.hasAnyRole(Roles.CLERK, Roles.SPECIALIST)) {
            // a system administrator passes the role filter but uploads for no agency: nobody could cite it
            throw ProblemException.forbidden();
        }
        StoredContent stored = content.put(body, name, declared, caller.agencyId());
        return Response.status(201).entity(new Uploaded(stored.sha256(), stored.size(), stored.mediaType(), stored.pages())).build();
    }

    /** What an upload answers: the content's identity and what its bytes proved. */
    public record Uploaded(String sha256, long size, String mediaType, int pages) {
    }
}
