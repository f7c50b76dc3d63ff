package vn.chidao.registry.rest;

import java.io.InputStream;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.content.ContentStore;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.RestModule;

/**
 * Uploads: the raw bytes as the request body, the declared type as Content-Type and the file name as
 * {@code ?name=}. The store checks the bytes and keeps them once; the answer's sha256 is then named
 * in a registration. Nothing is kept from a refused upload.
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
    public Response upload(InputStream body, @QueryParam("name") String name, @HeaderParam("Content-Type") String type) {
        String declared = type == null ? null : type.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        Check.text(name, "name", 255, true);
        return Response.status(201).entity(content.put(body, name, declared)).build();
    }
}
