package vn.chidao.account.rest;

import java.util.UUID;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Grant;
import vn.chidao.account.api.GrantDraft;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.rest.RestModule;

/** Role grants: system administrators grant directly; agency administrators revoke within their agency. */
@Component(service = GrantResource.class, property = RestModule.PROPERTY + "=account")
@Path("/grants")
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {

    @Reference
    private Accounts accounts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Grant.class)))
    public Response grant(GrantDraft draft, @Context SecurityContext security) {
        return Response.status(201).entity(accounts.grant(RestModule.caller(security), Forms.required(draft))).build();
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENCY_ADMIN)
    public Grant revoke(@PathParam("id") UUID id, Forms.Reason reason, @Context SecurityContext security) {
        return accounts.revoke(RestModule.caller(security), id, Forms.reason(reason));
    }
}
