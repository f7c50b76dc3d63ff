package vn.chidao.platform.rest;

import javax.annotation.security.PermitAll;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

/** Everything under /api that no application claims: a 404 problem instead of CXF's HTML page. */
@Path("/")
@PermitAll
public class FallbackResource {

    private static final String ANY = "{any: .*}";

    @GET
    @Path(ANY)
    public void get() {
        throw Problems.of(404);
    }

    @POST
    @Path(ANY)
    public void post() {
        throw Problems.of(404);
    }

    @PUT
    @Path(ANY)
    public void put() {
        throw Problems.of(404);
    }

    @DELETE
    @Path(ANY)
    public void delete() {
        throw Problems.of(404);
    }

    @PATCH
    @Path(ANY)
    public void patch() {
        throw Problems.of(404);
    }
}
