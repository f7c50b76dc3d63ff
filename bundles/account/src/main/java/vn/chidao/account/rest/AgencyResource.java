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
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Agency;
import vn.chidao.account.api.AgencyAdministration;
import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.account.api.AgencyDraft;
import vn.chidao.platform.api.Page;
import vn.chidao.account.api.User;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;

/**
 * The agency tree: every signed-in person reads it (recipients, registers need names); only system
 * administrators change it. The people of an agency are for its administrators and leaders.
 */
@Component(service = AgencyResource.class, property = RestModule.PROPERTY + "=account")
@Path("/agencies")
@Produces(MediaType.APPLICATION_JSON)
public class AgencyResource {

    @Reference
    private AgencyDirectory directory;

    @Reference
    private AgencyAdministration administration;

    @Reference
    private Accounts accounts;

    @GET
        public List<Agency> agencies(@QueryParam("includeEnded") boolean includeEnded) {
        return directory.list(includeEnded);
    }

    @GET
    @Path("{id}")
    public Agency agency(@PathParam("id") UUID id) {
        return directory.find(id).orElseThrow(() -> ProblemException.notFound("Không tìm thấy cơ quan.", "No such agency."));
    }

    @POST
        @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    public Agency create(AgencyDraft draft, @Context SecurityContext security) {
        return administration.create(RestModule.caller(security), Forms.required(draft));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    public Agency update(@PathParam("id") UUID id, AgencyDraft draft, @Context SecurityContext security) {
        return administration.update(RestModule.caller(security), id, Forms.required(draft));
    }

    @POST
    @Path("{id}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    public Agency move(@PathParam("id") UUID id, Forms.Move move, @Context SecurityContext security) {
        return administration.move(RestModule.caller(security), id, Forms.required(move).parentId());
    }

    @POST
    @Path("merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    public Agency merge(Forms.Merge merge, @Context SecurityContext security) {
        Forms.Merge m = Forms.required(merge);
        return administration.merge(RestModule.caller(security), m.sources(), m.targetId(), m.into());
    }

    @POST
    @Path("{id}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    public List<Agency> split(@PathParam("id") UUID id, Forms.Split split, @Context SecurityContext security) {
        return administration.split(RestModule.caller(security), id, Forms.required(split).parts());
    }

    @GET
    @Path("{id}/users")
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.LEADER})
    public Page<User> users(@PathParam("id") UUID id, @QueryParam("q") String q, @QueryParam("page") String page,
                            @QueryParam("size") String size, @Context SecurityContext security) {
        return accounts.users(RestModule.caller(security), id, q, Forms.number(page, "page"), Forms.number(size, "size"));
    }
}
