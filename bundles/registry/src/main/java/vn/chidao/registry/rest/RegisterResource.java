package vn.chidao.registry.rest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
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

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.ServiceGate;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.RestModule;
import vn.chidao.registry.api.BookExtent;
import vn.chidao.registry.api.BookQuery;
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

    /** Account's directory, dynamic: the registry endpoints stay while account is updated. */
    private final ServiceGate<AgencyDirectory> agencies = new ServiceGate<>("danh bạ cơ quan / agency directory");

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindAgencies(AgencyDirectory directory) {
        agencies.bind(directory);
    }

    void unbindAgencies(AgencyDirectory directory) {
        agencies.unbind(directory);
    }

    @GET
    public List<Register> registers(@QueryParam("agencyId") UUID agencyId, @Context SecurityContext security) {
        return registry.registers(RestModule.caller(security), agencyId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.AGENCY_ADMIN})
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Register.class)))
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
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Term.class)))
    public Response addTerm(Term term, @Context SecurityContext security) {
        return Response.status(201).entity(registry.addTerm(RestModule.caller(security), Check.body(term))).build();
    }

    /**
     * The register book of a period (a year, or a term's name; {@code from}/{@code to} narrow it to a month
     * or a quarter) as PDF (default) or XLSX, for printing. Written to a temporary file first, so that a
     * refusal or a failure is a problem answer rather than a cut-off download and a slow client holds no
     * book slot; then streamed from the file, which is already unlinked and goes with its stream.
     */
    @GET
    @Path("{id}/book")
    @Produces({"application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.APPLICATION_JSON})
    @ApiResponse(responseCode = "200", description = "The register book as PDF or XLSX", content = {
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = "string", format = "binary"))})
    public Response book(@PathParam("id") UUID id, @QueryParam("period") String period, @QueryParam("format") String format,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @Context SecurityContext security) throws IOException {
        String f = Check.oneOf(format, "format", RegisterBook.FORMATS.keySet(), "pdf");
        BookQuery query = new BookQuery(id, period, Check.date(from, "from"), Check.date(to, "to"), null);
        java.nio.file.Path file = Files.createTempFile("chidao-book-", "." + f);
        try {
            BookExtent extent;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                extent = RegisterBook.write(registry, agencies.get(), RestModule.caller(security), query, f, out);
            }
            long size = Files.size(file);
            InputStream in = Files.newInputStream(file);
            StreamingOutput body = out -> {
                try (in) {
                    in.transferTo(out);
                }
            };
            return Response.ok(body, RegisterBook.FORMATS.get(f)).header("Content-Length", size)
                    .header("Content-Disposition", "attachment; filename=\"" + RegisterBook.fileName(extent, f) + "\"").build();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
