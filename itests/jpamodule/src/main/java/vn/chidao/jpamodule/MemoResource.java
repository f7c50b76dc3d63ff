package vn.chidao.jpamodule;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
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

/**
 * The pattern JPA modules follow: JpaTemplate (RESOURCE_LOCAL, REQUIRED), schema from migrations, and
 * the journal entry appended on the EntityManager's own connection inside the same transaction.
 */
@Component(service = MemoResource.class, property = RestModule.PROPERTY + "=jpamodule")
@Path("/memos")
@Produces(MediaType.APPLICATION_JSON)
public class MemoResource {

    public record NewMemo(String subject) {
    }

    public record MemoView(String id, String subject, OffsetDateTime createdAt) {
    }

    private final JpaTemplate jpa;
    private final Journal journal;
    private final ChidaoClock clock;

    @Activate
    public MemoResource(@Reference(target = "(osgi.unit.name=jpamodule)") JpaTemplate jpa, @Reference Journal journal,
                        @Reference ChidaoClock clock, @Reference(target = "(chidao.schema=jpamodule)") SchemaReady schema) {
        this.jpa = jpa;
        this.journal = journal;
        this.clock = clock;
    }

    @GET
    public List<MemoView> list() {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "select m from Memo m order by m.createdAt", Memo.class).getResultList().stream()
                .map(m -> new MemoView(m.getId().toString(), m.getSubject(), m.getCreatedAt())).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = MemoView.class)))
    public Response create(NewMemo memo, @Context SecurityContext security) {
        Caller caller = RestModule.caller(security);
        if (memo == null || memo.subject() == null || memo.subject().isBlank() || memo.subject().length() > 500) {
            throw ProblemException.badRequest("invalid-memo", "Trích yếu phải có từ 1 đến 500 ký tự.",
                    "A subject has 1 to 500 characters.");
        }
        Memo created = jpa.txExpr(TransactionType.Required, em -> {
            Memo m = new Memo(Ids.newId(), memo.subject(), OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC));
            em.persist(m);
            em.flush();
            try {
                journal.append(em.unwrap(Connection.class), new JournalDraft(caller.agencyId(), caller.username(),
                        "jpamodule.memo-created", m.getId().toString(), Map.of("subject", m.getSubject())));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return m;
        });
        return Response.status(201).entity(new MemoView(created.getId().toString(), created.getSubject(),
                created.getCreatedAt())).build();
    }
}
