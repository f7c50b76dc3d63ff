package vn.chidao.testmodule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;

/** /api/v1/testmodule/notes: a write path with a journal entry in the same transaction. */
@Component(service = NoteResource.class, property = RestModule.PROPERTY + "=testmodule")
@Path("/notes")
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {

    public record NewNote(String text) {
    }

    /** Named apart from the account module's note form: schema names are shared by the whole document. */
    @Schema(name = "TestmoduleNote")
    public record Note(UUID id, UUID agencyId, String text, OffsetDateTime createdAt) {
    }

    private final DataSource dataSource;
    private final Journal journal;
    private final ChidaoClock clock;

    @Activate
    public NoteResource(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                        @Reference Journal journal, @Reference ChidaoClock clock,
                        @Reference(target = "(chidao.schema=testmodule)") SchemaReady schema) {
        this.dataSource = dataSource;
        this.journal = journal;
        this.clock = clock;
    }

    @GET
    public List<Note> list(@Context SecurityContext security) throws SQLException {
        Caller caller = RestModule.caller(security);
        List<Note> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, agency_id, text, created_at FROM testmodule.note WHERE agency_id = ? ORDER BY created_at")) {
            ps.setObject(1, caller.agencyId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Note(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class)));
                }
            }
        }
        return out;
    }

    @GET
    @Path("{id}")
    public Note get(@PathParam("id") UUID id, @Context SecurityContext security) throws SQLException {
        return list(security).stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Không có ghi chú này.", "No such note."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = Note.class)))
    public Response create(NewNote note, @Context SecurityContext security) throws SQLException {
        Caller caller = RestModule.caller(security);
        if (note == null || note.text() == null || note.text().isBlank() || note.text().length() > 500) {
            throw ProblemException.badRequest("invalid-note", "Nội dung ghi chú phải có từ 1 đến 500 ký tự.",
                    "A note has 1 to 500 characters.");
        }
        Note created = new Note(Ids.newId(), caller.agencyId(), note.text(),
                OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO testmodule.note (id, agency_id, text, created_at) VALUES (?,?,?,?)")) {
                ps.setObject(1, created.id());
                ps.setObject(2, created.agencyId());
                ps.setString(3, created.text());
                ps.setObject(4, created.createdAt());
                ps.executeUpdate();
                journal.append(c, new JournalDraft(caller.agencyId(), caller.username(), "testmodule.note-created",
                        created.id().toString(), Map.of("text", created.text())));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return Response.status(201).entity(created).build();
    }
}
