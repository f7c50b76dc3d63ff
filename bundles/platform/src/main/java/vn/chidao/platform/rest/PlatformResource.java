package vn.chidao.platform.rest;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.sql.DataSource;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.ModuleInfo;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalEntry;
import vn.chidao.platform.api.journal.Verification;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;
import vn.chidao.platform.internal.DatabaseCheck;
import vn.chidao.platform.internal.DatabaseFacts;
import vn.chidao.platform.internal.DemoModules;
import vn.chidao.platform.internal.ModuleCatalogue;
import vn.chidao.platform.migration.MigrationStatus;

/** The platform's reserved names under /api/v1: health, modules, journal, openapi.json. */
@Component(service = PlatformResource.class, property = RestModule.PROPERTY + "=" + RestModule.PLATFORM)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

    /** How long health waits for the database: the whole answer stays well under a second. */
    static final Duration PROBE_BOUND = Duration.ofMillis(600);

    /** The embedded database's supervisor, when the embedded database runs: its state as a status document. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(chidao.database.supervisor=*)")
    private volatile Supplier<Map<String, Object>> supervisor;
    /** What health last saw, so that a change is logged once rather than at every call. */
    private final AtomicBoolean lastUp = new AtomicBoolean(true);

    /** What health says of a node in demo mode (Vietnamese first), for people and scripts alike. */
    static final Map<String, String> DEMO_WARNING = demoWarning();

    private final DatabaseCheck database;
    private final MigrationStatus migrations;
    private final ModuleCatalogue catalogue;
    private final Journal journal;
    private final OpenApi openApi;
    private final DemoModules demo;
    private final String databaseMode;

    @Activate
    public PlatformResource(@Reference DatabaseCheck database,
                            @Reference(name = "dataSourceProperties", service = DataSource.class,
                                    target = "(osgi.jndi.service.name=chidao)") Map<String, Object> dataSourceProperties,
                            @Reference MigrationStatus migrations, @Reference ModuleCatalogue catalogue,
                            @Reference Journal journal, @Reference OpenApi openApi, @Reference DemoModules demo) {
        this.database = database;
        this.databaseMode = "embedded".equals(dataSourceProperties.get("chidao.datasource")) ? "embedded" : "external";
        this.migrations = migrations;
        this.catalogue = catalogue;
        this.journal = journal;
        this.openApi = openApi;
        this.demo = demo;
    }

    /**
     * Health of the node: database, each schema's migrations, each module, and whether it runs in demo
     * mode (with the modules that said so and a warning). 503 when the database is down.
     */
    @GET
    @Path("health")
    @PermitAll
    @ApiResponse(responseCode = "200", description = "UP or DEGRADED", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "503", description = "DOWN: the database is unreachable",
            content = @Content(schema = @Schema(type = "object")))
    public Response health(@Context SecurityContext security) {
        boolean admin = security != null && security.isUserInRole(Roles.SYSTEM_ADMIN);
        Map<String, Object> db = new LinkedHashMap<>();
        long start = System.nanoTime();
        Map<String, Object> process = supervision();
        boolean up;
        if (process != null && !"RUNNING".equals(process.get("state"))) {
            // the embedded server is known to be down: say so without touching the pool (its supervisor logs)
            lastUp.set(false);
            db.put("status", "DOWN");
            db.put("reason", process.get("reason") == null ? "restarting" : process.get("reason"));
            db.put("mode", databaseMode);
            if (admin) {
                db.put("detail", process.get("detail"));
            }
            up = false;
        } else {
            try {
                DatabaseFacts facts = database.facts(PROBE_BOUND);
                db.put("status", "UP");
                db.put("mode", databaseMode);
                db.put("product", "PostgreSQL");
                db.put("version", facts.version());
                db.put("encoding", facts.encoding());
                db.put("localeProvider", facts.localeProvider());
                db.put("locale", facts.locale());
                // what this server lacks, with what to do; never a reason for DOWN
                db.put("notices", facts.notices().stream().map(DatabaseFacts.Notice::asMap).toList());
                up = true;
                if (!lastUp.getAndSet(true)) {
                    LoggerFactory.getLogger(PlatformResource.class).info("Health: database UP again");
                }
            } catch (TimeoutException | SQLException | RuntimeException e) {
                String detail = e instanceof TimeoutException ? "No answer within " + PROBE_BOUND.toMillis() + " ms"
                        : e.getMessage();
                db.put("status", "DOWN");
                db.put("reason", e instanceof TimeoutException ? "no-answer" : "unreachable");
                db.put("mode", databaseMode);
                if (admin) {
                    // the message may name hosts and users: administrators only (and the log)
                    db.put("detail", detail);
                }
                up = false;
                if (lastUp.getAndSet(false)) {
                    LoggerFactory.getLogger(PlatformResource.class).warn("Health: database DOWN: {}", detail);
                }
            }
        }
        if (admin && process != null) {
            db.put("supervisor", process);
        }
        db.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
        List<MigrationStatus.Result> schemas = migrations.results();
        List<ModuleInfo> modules = catalogue.modules();
        boolean degraded = schemas.stream().anyMatch(r -> !"READY".equals(r.status()))
                || modules.stream().anyMatch(m -> !"READY".equals(m.state()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !up ? "DOWN" : degraded ? "DEGRADED" : "UP");
        body.put("database", db);
        body.put("migrations", schemas);
        body.put("modules", modules);
        List<String> demoModules = demo.modules();
        body.put("demo", !demoModules.isEmpty());
        if (!demoModules.isEmpty()) {
            body.put("demoModules", demoModules);
            body.put("demoWarning", DEMO_WARNING);
        }
        return Response.status(up ? 200 : 503).entity(body).build();
    }

    private Map<String, Object> supervision() {
        Supplier<Map<String, Object>> s = supervisor;
        return s == null ? null : s.get();
    }

    @GET
    @Path("modules")
    @PermitAll
    public List<ModuleInfo> modules() {
        return catalogue.modules().stream().filter(m -> !"FAILED".equals(m.state())).toList();
    }

    @GET
    @Path("openapi.json")
    @PermitAll
    @ApiResponse(responseCode = "200", description = "The OpenAPI 3 document of this node",
            content = @Content(schema = @Schema(type = "object")))
    public String openapi() {
        return openApi.json();
    }

    @GET
    @Path("journal")
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    public List<JournalEntry> journal(@QueryParam("agency") String agency, @QueryParam("limit") Integer limit) {
        UUID a = null;
        if (agency != null && !agency.isBlank()) {
            try {
                a = UUID.fromString(agency);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-id", "Mã cơ quan không hợp lệ.", "Invalid agency id.");
            }
        }
        return journal.tail(a, limit == null ? 50 : limit);
    }

    private static Map<String, String> demoWarning() {
        Map<String, String> warning = new LinkedHashMap<>();
        warning.put("vi", "Chế độ trình diễn: dữ liệu và mật khẩu dùng chung chỉ để thử, không dùng cho công việc thật.");
        warning.put("en", "Demo mode: demo data and a shared password, for trying out only, never for real work.");
        return java.util.Collections.unmodifiableMap(warning);
    }

    /** Re-computes every chain; names the first broken entry. */
    @GET
    @Path("journal/verify")
    @RolesAllowed(Roles.SYSTEM_ADMIN)
    @ApiResponse(responseCode = "200", description = "Every chain is intact", content = @Content(schema = @Schema(implementation = Verification.class)))
    @ApiResponse(responseCode = "409", description = "A chain is broken: the first broken entry",
            content = @Content(schema = @Schema(implementation = Verification.class)))
    public Response verify() {
        Verification v = journal.verify();
        return Response.status(v.ok() ? 200 : 409).entity(v).build();
    }
}
