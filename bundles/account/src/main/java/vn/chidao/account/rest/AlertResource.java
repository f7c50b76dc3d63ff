package vn.chidao.account.rest;

import java.util.UUID;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Alert;
import vn.chidao.platform.api.Page;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.rest.RestModule;

/** Access-right alerts: the agency's leaders and the system administrators acknowledge them. */
@Component(service = AlertResource.class, property = RestModule.PROPERTY + "=account")
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    @Reference
    private Accounts accounts;

    @GET
    @RolesAllowed(Roles.LEADER)
    public Page<Alert> alerts(@QueryParam("open") @javax.ws.rs.DefaultValue("true") boolean open,
                              @QueryParam("page") String page, @QueryParam("size") String size,
                              @Context SecurityContext security) {
        return accounts.alerts(RestModule.caller(security), open, Forms.number(page, "page"), Forms.number(size, "size"));
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed(Roles.LEADER)
    public Alert acknowledge(@PathParam("id") UUID id, @Context SecurityContext security) {
        return accounts.acknowledge(RestModule.caller(security), id);
    }
}
