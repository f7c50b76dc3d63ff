package vn.chidao.account.rest;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.api.AgencyAdministration;
import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.account.api.Level;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.rest.RestModule;

/** The configurable list of agency levels (province, district, commune, ...). */
@Component(service = LevelResource.class, property = RestModule.PROPERTY + "=account")
@Path("/levels")
@Produces(MediaType.APPLICATION_JSON)
public class LevelResource {

    @Reference
    private AgencyDirectory directory;

    @Reference
    private AgencyAdministration administration;

    @GET
    public List<Level> levels() {
        return directory.levels();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    public Level addLevel(Level level, @Context SecurityContext security) {
        return administration.addLevel(RestModule.caller(security), Forms.required(level));
    }

}
