package vn.chidao.testmodule;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** JAX-RS annotations on an interface, security annotations on the implementation: both must count. */
@Path("/directions")
@Produces(MediaType.APPLICATION_JSON)
public interface DirectionsApi {

    @GET
    List<String> list();

    @GET
    @Path("public")
    List<String> open();
}
