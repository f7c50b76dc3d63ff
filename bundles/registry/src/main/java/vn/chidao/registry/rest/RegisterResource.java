package vn.chidao.registry.rest;

import java.io.OutputStream;
import java.util.List;
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
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.RestModule;
import vn.chidao.registry.api.DocType;
import vn.chidao.registry.api.Register;
import vn.chidao.registry.api.RegisterDraft;
import vn.chidao.registry.api.Registry;
import vn.chidao.registry.api.Term;
import vn.chidao.registry.export.RegisterBook;

/** Registers, document types, committee terms and the printed register book. */
@Component(service = RegisterResource.class, property = RestModule.PROPERTY + "=registry")
@Path("/registers")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

    @Reference
    private Registry registry;

    @Reference
    private AgencyDirectory agencies;

    @GET
    public List<Register> registers(@QueryParam("agencyId") UUID agencyId, @Context SecurityContext security) {
        return registry.registers(RestModule.caller(security), agencyId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.AGENCY_ADMIN})
    public Response create(RegisterDraft draft, @Context SecurityContext security) {
        return Response.status(201).entity(registry.createRegister(RestModule.caller(security), Check.body(draft))).build();
    }

    @GET
    @Path("types")
    public List<DocType> types() {
        return registry.types();
    }

    @POST
    @Path("types")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    public DocType saveType(DocType type, @Context SecurityContext security) {
        return registry.saveType(RestModule.caller(security), Check.body(type));
    }

    @GET
    @Path("terms")
    public List<Term> terms(@QueryParam("agencyId") UUID agencyId, @Context SecurityContext security) {
        return registry.terms(RestModule.caller(security), agencyId);
    }

    @POST
    @Path("terms")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.AGENCY_ADMIN})
    public Response addTerm(Term term, @Context SecurityContext security) {
        return Response.status(201).entity(registry.addTerm(RestModule.caller(security), Check.body(term))).build();
    }

    /** The register book of a period (a year, or a term's name) as PDF (default) or XLSX, for printing. */
    @GET
    @Path("{id}/book")
    @Produces({"application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.APPLICATION_JSON})
    public Response book(@PathParam("id") UUID id, @QueryParam("period") String period, @QueryParam("format") String format,
                         @Context SecurityContext security) {
        var caller = RestModule.caller(security);
        String f = Check.oneOf(format, "format", java.util.Set.of("pdf", "xlsx"), "pdf");
        Register r = registry.register(caller, id).orElseThrow(() -> Check.notFound("sổ văn bản", "register"));
        var rows = registry.book(caller, id, period);
        String agencyName = agencies.find(r.agencyId()).map(a -> a.name()).orElse("");
        String label = period.matches("\\d{4}") ? "Năm " + period : "Nhiệm kỳ " + period;
        RegisterBook.Header header = new RegisterBook.Header(agencyName, r.name(), r.kind(), label);
        StreamingOutput body = (OutputStream out) -> {
            if ("xlsx".equals(f)) {
                RegisterBook.xlsx(header, rows, out);
            } else {
                RegisterBook.pdf(header, rows, out);
            }
        };
        String file = "so-" + ("incoming".equals(r.kind()) ? "den" : "di") + "-" + period.replaceAll("[^0-9A-Za-z-]", "") + "." + f;
        return Response.ok(body, "xlsx".equals(f) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : "application/pdf").header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }
}
