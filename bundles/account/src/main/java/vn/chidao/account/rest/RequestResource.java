package vn.chidao.account.rest;

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

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.api.AccountRequest;
import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Decision;
import vn.chidao.platform.api.Page;
import vn.chidao.account.api.RequestDraft;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.rest.RestModule;

/**
 * Account requests: an agency administrator proposes, the agency's leader decides (never the proposer,
 * nor the person a request is about); the proposer then receives the new account's one-time password once.
 */
@Component(service = RequestResource.class, property = RestModule.PROPERTY + "=account")
@Path("/requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestResource {

    @Reference
    private Accounts accounts;

    @GET
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.LEADER})
    public Page<AccountRequest> requests(@QueryParam("status") String status, @QueryParam("page") String page,
                                         @QueryParam("size") String size, @Context SecurityContext security) {
        return accounts.requests(RestModule.caller(security), status, Forms.number(page, "page"), Forms.number(size, "size"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENCY_ADMIN)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AccountRequest.class)))
    public Response propose(RequestDraft draft, @Context SecurityContext security) {
        return Response.status(201).entity(accounts.propose(RestModule.caller(security), Forms.required(draft))).build();
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.LEADER)
    public Decision approve(@PathParam("id") UUID id, Forms.Note note, @Context SecurityContext security) {
        return accounts.approve(RestModule.caller(security), id, Forms.note(note));
    }

    @POST
    @Path("{id}/one-time-password")
    @RolesAllowed(Roles.AGENCY_ADMIN)
    public Decision oneTimePassword(@PathParam("id") UUID id, @Context SecurityContext security) {
        return accounts.issueOneTimePassword(RestModule.caller(security), id);
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.LEADER)
    public AccountRequest reject(@PathParam("id") UUID id, Forms.Note note, @Context SecurityContext security) {
        return accounts.reject(RestModule.caller(security), id, Forms.note(note));
    }
}
