package vn.chidao.account.rest;

import java.util.List;
import java.util.UUID;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import vn.chidao.account.api.Decision;
import vn.chidao.account.api.Grant;
import vn.chidao.account.api.User;
import vn.chidao.account.api.UserDraft;
import vn.chidao.account.internal.AccountAuthenticator;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;

/**
 * People and their grants. System administrators create accounts and grant roles directly; agency
 * administrators propose them (requests) and may lock, unlock, reset and revoke within their agency.
 */
@Component(service = UserResource.class, property = RestModule.PROPERTY + "=account")
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Reference
    private Accounts accounts;

    @Reference
    private AccountAuthenticator authenticator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    @ApiResponse(responseCode = "201", description = "Created, with the one-time password", content = @Content(schema = @Schema(implementation = Decision.class)))
    public Response create(Forms.NewUser form, @Context SecurityContext security) {
        Forms.NewUser f = Forms.required(form);
        Decision d = accounts.create(RestModule.caller(security), f.user(), f.grants());
        return Response.status(201).entity(d).build();
    }

    @GET
    @Path("{id}")
    public User user(@PathParam("id") UUID id, @Context SecurityContext security) {
        return accounts.user(RestModule.caller(security), id)
                .orElseThrow(() -> ProblemException.notFound("Không tìm thấy tài khoản.", "No such user."));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENCY_ADMIN)
    public User update(@PathParam("id") UUID id, UserDraft draft, @Context SecurityContext security) {
        return accounts.updateProfile(RestModule.caller(security), id, Forms.required(draft));
    }

    @POST
    @Path("{id}/lock")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENCY_ADMIN)
    public User lock(@PathParam("id") UUID id, Forms.Reason reason, @Context SecurityContext security) {
        return accounts.lock(RestModule.caller(security), id, Forms.reason(reason));
    }

    @POST
    @Path("{id}/unlock")
    @RolesAllowed(Roles.AGENCY_ADMIN)
    public User unlock(@PathParam("id") UUID id, @Context SecurityContext security) {
        return accounts.unlock(RestModule.caller(security), id);
    }

    @POST
    @Path("{id}/reset-password")
    @RolesAllowed(Roles.AGENCY_ADMIN)
    public Decision resetPassword(@PathParam("id") UUID id, @Context SecurityContext security) {
        return accounts.resetPassword(RestModule.caller(security), id);
    }

    @POST
    @Path("{id}/reset-totp")
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    @ApiResponse(responseCode = "204", description = "Done")
    public Response resetTotp(@PathParam("id") UUID id, @Context SecurityContext security) {
        authenticator.resetTotp(RestModule.caller(security), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/grants")
    public List<Grant> grants(@PathParam("id") UUID id, @Context SecurityContext security) {
        return accounts.grants(RestModule.caller(security), id);
    }
}
