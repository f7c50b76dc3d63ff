package vn.chidao.registry.internal;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import vn.chidao.account.api.Agency;
import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.Page;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.ServiceGate;
import vn.chidao.platform.api.content.ContentStore;
import vn.chidao.platform.api.content.StoredContent;
import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.journal.JournalEntry;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.registry.api.AccessEntry;
import vn.chidao.registry.api.BookQuery;
import vn.chidao.registry.api.BookReader;
import vn.chidao.registry.api.DocType;
import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.DocumentDraft;
import vn.chidao.registry.api.DocumentFile;
import vn.chidao.registry.api.FileRef;
import vn.chidao.registry.api.HistoryEntry;
import vn.chidao.registry.api.Register;
import vn.chidao.registry.api.RegisterDraft;
import vn.chidao.registry.api.Registration;
import vn.chidao.registry.api.Registry;
import vn.chidao.registry.api.SearchQuery;
import vn.chidao.registry.api.Signer;
import vn.chidao.registry.api.Term;

/**
 * Registers and documents. A registration takes the next number of its register's scope with
 * {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} on the counter row, in the same transaction
 * as the document: the row lock serialises concurrent clerks on every node, a rollback or a crash
 * gives the number back, so numbers are gapless and never reused. Voided entries keep theirs.
 */
@Component(service = {Registry.class, RegistryService.class}, configurationPid = RegistryConfig.PID)
public class RegistryService implements Registry {

    static final Set<String> SECRECY = Set.of("none", "mat", "toi-mat", "tuyet-mat");
    static final Set<String> ARRIVAL = Set.of("system", "post", "hand", "email");
    static final Set<String> FILE_ROLES = Set.of("main", "annex", "scan", "draft");
    static final String DEFAULT_TEMPLATE = "{number}-{type}/{agency}";
    private static final int MAX_PAGE = 200;

    private final Db db;
    private final ChidaoClock clock;
    private final Journal journal;
    /** Account's directory, dynamic: registry keeps working (requests wait) while account is updated. */
    private final ServiceGate<AgencyDirectory> agencies = new ServiceGate<>("danh bạ cơ quan / agency directory");
    private final CitableContent citable;
    private volatile Books books;

    @Activate
    public RegistryService(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                           @Reference ChidaoClock clock, @Reference Journal journal,
                           @Reference ContentStore content,
                           @Reference(target = "(chidao.schema=registry)") SchemaReady schema, RegistryConfig config) {
        this.db = new Db(dataSource);
        this.clock = clock;
        this.journal = journal;
        this.citable = new CitableContent(db, content);
        modified(config);
    }

    /** New book limits apply to books started from now on; those under way keep their places. */
    @Modified
    void modified(RegistryConfig config) {
        books = new Books(db, config.maxBookEntries(), config.maxConcurrentBooks());
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindAgencies(AgencyDirectory directory) {
        agencies.bind(directory);
    }

    void unbindAgencies(AgencyDirectory directory) {
        agencies.unbind(directory);
    }

    // --- who may do what -------------------------------------------------------------------------

    private static boolean system(Caller c) {
        return c.hasRole(Roles.SYSTEM_ADMIN);
    }

    /**
     * Only a clerk acting for the agency writes its documents. A system administrator sees every agency
     * but is no clerk of any: without a clerk grant there (which raises an access-right alert to the
     * agency's leader) they may not register, correct or void its entries (Art. 14.3c: administrators may
     * not use their rights to falsify records).
     */
    private static void requireClerkOf(Caller c, UUID agency) {
        if (!c.canSee(agency)) {
            throw Check.notFound("sổ văn bản", "register");
        }
        if (!(c.hasRole(Roles.CLERK) && agency.equals(c.agencyId()))) {
            throw ProblemException.forbidden();
        }
    }

    // --- registers -----------------------------------------------------------------------------------

    static Register register(ResultSet rs) throws SQLException {
        return new Register(Db.uuid(rs, "id"), Db.uuid(rs, "agency_id"), rs.getString("kind"), rs.getString("name"),
                rs.getString("scope"), rs.getString("notation_template"), rs.getBoolean("active"), Db.instant(rs, "created_at"));
    }

    @Override
    public List<Register> registers(Caller caller, UUID agencyId) {
        UUID agency = agencyId == null ? caller.agencyId() : agencyId;
        if (!caller.canSee(agency)) {
            throw Check.notFound("cơ quan", "agency");
        }
        return db.read(c -> Db.list(c, "SELECT * FROM registry.register WHERE agency_id = ? ORDER BY kind, name",
                RegistryService::register, agency));
    }

    @Override
    public Optional<Register> register(Caller caller, UUID id) {
        try {
            return Optional.of(db.read(c -> registerFor(c, caller, id, false)));
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Register registerFor(Connection c, Caller caller, UUID id, boolean lock) throws SQLException {
        Check.present(id, "registerId");
        Register r = Db.one(c, "SELECT * FROM registry.register WHERE id = ?" + (lock ? " FOR SHARE" : ""),
                RegistryService::register, id).orElseThrow(() -> Check.notFound("sổ văn bản", "register"));
        if (!caller.canSee(r.agencyId())) {
            throw Check.notFound("sổ văn bản", "register");
        }
        return r;
    }

    @Override
    public Register createRegister(Caller caller, RegisterDraft draft) {
        Check.present(draft, "register");
        UUID agency = draft.agencyId() == null ? caller.agencyId() : draft.agencyId();
        if (!system(caller) && !(caller.hasAnyRole(Roles.AGENCY_ADMIN, Roles.CLERK) && agency.equals(caller.agencyId()))) {
            throw caller.canSee(agency) ? ProblemException.forbidden() : Check.notFound("cơ quan", "agency");
        }
        agencies.get().find(agency).filter(Agency::active).orElseThrow(() -> Check.notFound("cơ quan đang hoạt động", "active agency"));
        String kind = Check.oneOf(draft.kind(), "kind", Set.of("incoming", "outgoing"), null);
        String name = Check.text(draft.name(), "name", 200, true);
        String scope = Check.oneOf(draft.scope(), "scope", Set.of("year", "type-term"), "year");
        if ("incoming".equals(kind) && !"year".equals(scope)) {
            throw Check.invalid("scope", "của sổ văn bản đến luôn là theo năm", "of an incoming register is always per year");
        }
        String template = Check.text(draft.notationTemplate(), "notationTemplate", 60, false);
        if (template == null) {
            template = DEFAULT_TEMPLATE;
        }
        if (!template.contains("{number}")) {
            throw Check.invalid("notationTemplate", "phải chứa {number}", "must contain {number}");
        }
        String t = template;
        return db.tx(c -> {
            UUID id = Ids.newId();
            Db.update(c, "INSERT INTO registry.register (id, agency_id, kind, name, scope, notation_template, created_at)"
                    + " VALUES (?,?,?,?,?,?,?)", id, agency, kind, name, scope, t, clock.now());
            journal.append(c, new JournalDraft(agency, caller.username(), "registry.register-created", id.toString(),
                    Map.of("kind", kind, "name", name, "scope", scope, "notationTemplate", t)));
            return Db.one(c, "SELECT * FROM registry.register WHERE id = ?", RegistryService::register, id).orElseThrow();
        });
    }

    @Override
    public List<DocType> types() {
        return db.read(c -> Db.list(c, "SELECT code, name, active FROM registry.doc_type ORDER BY rank",
                rs -> new DocType(rs.getString(1), rs.getString(2), rs.getBoolean(3))));
    }

    @Override
    public DocType saveType(Caller caller, DocType type) {
        if (!system(caller)) {
            throw ProblemException.forbidden();
        }
        Check.present(type, "type");
        String code = Check.text(type.code(), "code", 10, true);
        if (!code.matches("^[\\p{L}][\\p{L}0-9]{0,9}$")) {
            throw Check.invalid("code", "chỉ gồm chữ cái và chữ số (ví dụ NQ, QĐi)", "takes letters and digits only (e.g. NQ, QĐi)");
        }
        String name = Check.text(type.name(), "name", 100, true);
        boolean active = !Boolean.FALSE.equals(type.active());
        return db.tx(c -> {
            Db.update(c, "INSERT INTO registry.doc_type (code, name, active, rank) VALUES (?, ?, ?,"
                    + " (SELECT coalesce(max(rank), 0) + 1 FROM registry.doc_type)) ON CONFLICT (code) DO UPDATE"
                    + " SET name = excluded.name, active = excluded.active", code, name, active);
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, caller.username(), "registry.type-saved", code,
                    Map.of("name", name, "active", active)));
            return new DocType(code, name, active);
        });
    }

    static Term term(ResultSet rs) throws SQLException {
        return new Term(Db.uuid(rs, "id"), Db.uuid(rs, "agency_id"), rs.getString("name"), Db.date(rs, "starts_on"),
                Db.date(rs, "ends_on"));
    }

    @Override
    public List<Term> terms(Caller caller, UUID agencyId) {
        UUID agency = agencyId == null ? caller.agencyId() : agencyId;
        if (!caller.canSee(agency)) {
            throw Check.notFound("cơ quan", "agency");
        }
        return db.read(c -> Db.list(c, "SELECT * FROM registry.term WHERE agency_id = ? ORDER BY starts_on",
                RegistryService::term, agency));
    }

    @Override
    public Term addTerm(Caller caller, Term term) {
        Check.present(term, "term");
        UUID agency = term.agencyId() == null ? caller.agencyId() : term.agencyId();
        if (!system(caller) && !(caller.hasAnyRole(Roles.AGENCY_ADMIN, Roles.CLERK) && agency.equals(caller.agencyId()))) {
            throw caller.canSee(agency) ? ProblemException.forbidden() : Check.notFound("cơ quan", "agency");
        }
        String name = Check.text(term.name(), "name", 50, true);
        LocalDate starts = Check.present(term.startsOn(), "startsOn");
        if (term.endsOn() != null && term.endsOn().isBefore(starts)) {
            throw Check.invalid("endsOn", "phải sau ngày bắt đầu", "must not be before startsOn");
        }
        return db.tx(c -> {
            Db.one(c, "SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 1, "registry.term:" + agency);
            if (Db.one(c, "SELECT 1 FROM registry.term WHERE agency_id = ? AND (name = ? OR daterange(starts_on, ends_on, '[]')"
                    + " && daterange(?, ?, '[]'))", rs -> 1, agency, name, starts, term.endsOn()).isPresent()) {
                throw ProblemException.conflict("term-overlap", "Nhiệm kỳ trùng tên hoặc chồng lấn thời gian với nhiệm kỳ khác.",
                        "The term's name or dates overlap another term.");
            }
            UUID id = Ids.newId();
            Db.update(c, "INSERT INTO registry.term (id, agency_id, name, starts_on, ends_on) VALUES (?,?,?,?,?)", id, agency,
                    name, starts, term.endsOn());
            journal.append(c, new JournalDraft(agency, caller.username(), "registry.term-added", id.toString(),
                    Map.of("name", name, "startsOn", starts.toString())));
            return new Term(id, agency, name, starts, term.endsOn());
        });
    }

    // --- registration --------------------------------------------------------------------------------

    private record Checked(String typeCode, String typeName, LocalDate issuedDate, String organName, String organId,
                           String subject, String language, Integer pageAmount, String description, Signer signer,
                           List<String> to, List<String> toPlaces, int priority, Integer issuedAmount, LocalDate dueDate,
                           LocalDate arrivalDate, String arrivalMethod, String originalNumber, String originalNotation,
                           String edxmlDocumentId, String secrecy, boolean stub, boolean backfilled, String incidentRef,
                           List<DocumentFile> files, Map<String, String> texts) {
    }

    private Checked check(Connection c, Register r, DocumentDraft d, Map<String, CitableContent.Cited> stored)
            throws SQLException {
        String typeCode = Check.text(d.typeCode(), "typeCode", 10, true);
        String typeName = Db.one(c, "SELECT name FROM registry.doc_type WHERE code = ? AND active", rs -> rs.getString(1), typeCode)
                .orElseThrow(() -> Check.invalid("typeCode", "không có trong danh mục loại văn bản", "is not a known document type"));
        String secrecy = Check.oneOf(d.secrecy(), "secrecy", SECRECY, "none");
        boolean incoming = "incoming".equals(r.kind());
        boolean stub = !"none".equals(secrecy);
        List<FileRef> files = d.files() == null ? List.of() : d.files();
        boolean backfilled = Boolean.TRUE.equals(d.backfilled());
        if (stub) {
            // state secrets may not be drafted or kept on an internet-connected system: at most the number
            if (!"type-term".equals(r.scope())) {
                throw new ProblemException(422, "classified-refused", "Không được lưu văn bản mật",
                        "Văn bản mật không được đăng ký hay lưu trên hệ thống kết nối Internet; hãy xử lý trên giấy.",
                        "Classified document refused", "Classified documents may not be registered or kept on this system.");
            }
            if (d.subject() != null || d.description() != null || !files.isEmpty() || (d.to() != null && !d.to().isEmpty())) {
                throw new ProblemException(422, "classified-content", "Không được lưu nội dung văn bản mật",
                        "Với văn bản mật chỉ được lấy số: không trích yếu, không ghi chú, không nơi nhận, không tệp.",
                        "Classified content refused", "A classified document gets a number only: no subject, note, recipients or file.");
            }
        }
        String subject = stub ? null : Check.text(d.subject(), "subject", 500, true);
        Integer priority = Check.range(d.priority() == null ? 0 : d.priority(), "priority", 0, 4);
        String organName = Check.text(d.organName(), "organName", 200, incoming);
        LocalDate today = clock.today();
        LocalDate arrival = null;
        String arrivalMethod = null;
        if (incoming) {
            arrival = d.arrivalDate() == null ? today : d.arrivalDate();
            if (arrival.isAfter(today)) {
                throw Check.invalid("arrivalDate", "không được sau hôm nay", "cannot be in the future");
            }
            arrivalMethod = Check.oneOf(d.arrivalMethod(), "arrivalMethod", ARRIVAL, null);
        }
        String incidentRef = Check.text(d.incidentRef(), "incidentRef", 100, backfilled);
        if (!backfilled && incidentRef != null) {
            throw Check.invalid("incidentRef", "chỉ dùng cho văn bản bổ sung sau sự cố", "is for back-filled entries only");
        }
        if (d.issuedDate() != null && d.issuedDate().isAfter(today.plusDays(1))) {
            throw Check.invalid("issuedDate", "không được sau hôm nay", "cannot be in the future");
        }
        Signer s = d.signer() == null ? null : new Signer(Check.text(d.signer().position(), "signer.position", 100, false),
                Check.text(d.signer().fullName(), "signer.fullName", 50, false),
                Check.text(d.signer().competence(), "signer.competence", 10, false));
        if (files.size() > 20) {
            throw Check.invalid("files", "quá 20 tệp", "has more than 20 files");
        }
        List<DocumentFile> checkedFiles = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (FileRef f : files) {
            Check.present(f, "files[]");
            // content the caller may not cite is refused exactly like content that does not exist
            CitableContent.Cited cited = Optional.ofNullable(stored.get(Check.text(f.sha256(), "files[].sha256", 64, true)))
                    .orElseThrow(() -> Check.invalid("files[].sha256", "không phải tệp cơ quan đã tải lên (tải tệp lên trước)",
                            "is not a file your agency uploaded (upload the file first)"));
            StoredContent sc = cited.stored();
            texts.put(sc.sha256(), cited.text());
            String name = Check.text(f.fileName(), "files[].fileName", 255, true);
            if (name.contains("/") || name.contains("\\") || name.contains("..")) {
                throw Check.invalid("files[].fileName", "phải là tên tệp, không phải đường dẫn", "must be a plain file name");
            }
            checkedFiles.add(new DocumentFile(sc.sha256(), name, sc.mediaType(), sc.size(), sc.pages(),
                    Check.oneOf(f.role(), "files[].role", FILE_ROLES, "main")));
        }
        return new Checked(typeCode, typeName, incoming ? d.issuedDate() : (d.issuedDate() == null ? today : d.issuedDate()),
                organName, Check.text(d.organId(), "organId", 30, false), subject, Check.text(d.language(), "language", 50, false),
                Check.range(d.pageAmount(), "pageAmount", 0, 100_000), stub ? null : Check.text(d.description(), "description", 1000, false),
                s, stub ? List.of() : Check.texts(d.to(), "to", 300, 200), Check.texts(d.toPlaces(), "toPlaces", 300, 200), priority,
                Check.range(d.issuedAmount(), "issuedAmount", 0, 1_000_000), d.dueDate(), arrival, arrivalMethod,
                Check.text(d.originalNumber(), "originalNumber", 11, false), Check.text(d.originalNotation(), "originalNotation", 30, false),
                Check.text(d.edxmlDocumentId(), "edxmlDocumentId", 200, false), secrecy, stub, backfilled, incidentRef,
                checkedFiles, texts);
    }

    @Override
    public Registration register(Caller caller, DocumentDraft draft) {
        Check.present(draft, "document");
        // cited files and their text layers are read before the transaction: the counter's row lock is held
        // only for inserts. Only files the caller may cite are read at all (see CitableContent).
        List<String> cited = new ArrayList<>();
        if (draft.files() != null) {
            for (FileRef f : draft.files()) {
                if (f != null && f.sha256() != null && f.sha256().length() <= 64 && cited.size() < 20) {
                    cited.add(f.sha256());
                }
            }
        }
        Map<String, CitableContent.Cited> stored = citable.of(caller, cited);
        // the agency's code too: other services use pooled connections of their own, and taking a second
        // one while this transaction holds the first and the counter lock starves the pool under load
        String agencyCode = db.read(c -> Optional.of(registerFor(c, caller, draft.registerId(), false)))
                .flatMap(r -> agencies.get().find(r.agencyId())).map(Agency::code).orElse("");
        return db.tx(c -> {
            Register r = registerFor(c, caller, draft.registerId(), true);
            requireClerkOf(caller, r.agencyId());
            if (!r.active()) {
                throw ProblemException.conflict("register-closed", "Sổ đã đóng.", "The register is closed.");
            }
            Checked d = check(c, r, draft, stored);
            if ("incoming".equals(r.kind()) && !Boolean.TRUE.equals(draft.confirmDuplicate())) {
                List<Document> dups = duplicates(c, r.agencyId(), d);
                if (!dups.isEmpty()) {
                    return new Registration(null, dups);
                }
            }
            LocalDate today = clock.today();
            String period;
            String counterType;
            if ("type-term".equals(r.scope())) {
                period = Db.one(c, "SELECT name FROM registry.term WHERE agency_id = ? AND starts_on <= ?"
                        + " AND (ends_on IS NULL OR ends_on >= ?) ORDER BY starts_on DESC LIMIT 1", rs -> rs.getString(1),
                        r.agencyId(), today, today).orElseThrow(() -> ProblemException.conflict("no-term",
                                "Chưa khai báo nhiệm kỳ hiện tại của cơ quan, cần để đánh số theo nhiệm kỳ.",
                                "No current committee term is set for the agency; type-term numbering needs one."));
                counterType = d.typeCode();
            } else {
                period = Integer.toString(today.getYear());
                counterType = "";
            }
            int number = Db.one(c, "INSERT INTO registry.counter (register_id, period, doc_type, last_number) VALUES (?,?,?,1)"
                    + " ON CONFLICT (register_id, period, doc_type) DO UPDATE SET last_number = registry.counter.last_number + 1"
                    + " RETURNING last_number", rs -> rs.getInt(1), r.id(), period, counterType).orElseThrow();
            String notation = "outgoing".equals(r.kind()) ? notation(r, number, d.typeCode(), agencyCode) : d.originalNotation();
            UUID id = Ids.newId();
            Instant now = clock.now();
            String body = d.stub() ? "" : String.join("\n", d.files().stream().map(f -> d.texts().getOrDefault(f.sha256(), "")).toList());
            Db.update(c, "INSERT INTO registry.document (id, register_id, agency_id, kind, number, period, counter_type, notation,"
                    + " type_code, issued_date, organ_name, organ_id, subject, language, page_amount, description, signer_position,"
                    + " signer_name, signer_competence, to_units, to_places, priority, issued_amount, due_date, arrival_date,"
                    + " arrival_method, original_number, original_notation, edxml_document_id, secrecy, stub, backfilled,"
                    + " incident_ref, registered_by, registered_at, updated_at, body_text) VALUES"
                    + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    id, r.id(), r.agencyId(), r.kind(), number, period, counterType, notation, d.typeCode(), d.issuedDate(),
                    d.organName(), d.organId(), d.subject(), d.language(), d.pageAmount(), d.description(),
                    d.signer() == null ? null : d.signer().position(), d.signer() == null ? null : d.signer().fullName(),
                    d.signer() == null ? null : d.signer().competence(), d.to(), d.toPlaces(), d.priority(), d.issuedAmount(),
                    d.dueDate(), d.arrivalDate(), d.arrivalMethod(), d.originalNumber(), d.originalNotation(),
                    d.edxmlDocumentId(), d.secrecy(), d.stub(), d.backfilled(), d.incidentRef(), caller.username(), now, now, body);
            for (DocumentFile f : d.files()) {
                Db.update(c, "INSERT INTO registry.document_file (document_id, sha256, file_name, media_type, size, pages, role,"
                        + " added_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", id, f.sha256(), f.fileName(),
                        f.mediaType(), f.size(), f.pages(), f.role(), now);
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("registerId", r.id().toString());
            p.put("number", number);
            p.put("period", period);
            p.put("notation", notation);
            p.put("type", d.typeCode());
            p.put("stub", d.stub());
            p.put("backfilled", d.backfilled());
            p.put("files", d.files().stream().map(DocumentFile::sha256).toList());
            journal.append(c, new JournalDraft(r.agencyId(), caller.username(), "registry.document-registered", id.toString(), p));
            return new Registration(load(c, id).orElseThrow(), List.of());
        });
    }

    private static String notation(Register r, int number, String type, String agencyCode) {
        return r.notationTemplate().replace("{number}", String.format(Locale.ROOT, "%02d", number))
                .replace("{type}", type).replace("{agency}", agencyCode);
    }

    private static List<Document> duplicates(Connection c, UUID agency, Checked d) throws SQLException {
        if (d.edxmlDocumentId() == null && d.originalNotation() == null) {
            return List.of();
        }
        return Db.list(c, SELECT + " WHERE d.agency_id = ? AND d.kind = 'incoming' AND d.status = 'registered'"
                + " AND ((?::text IS NOT NULL AND d.edxml_document_id = ?::text) OR (?::text IS NOT NULL"
                + " AND lower(d.original_notation) = lower(?::text) AND coalesce(lower(d.original_number), '') = coalesce(lower(?::text), '')"
                + " AND lower(d.organ_name) = lower(?::text))) ORDER BY d.registered_at LIMIT 10",
                rs -> document(rs, List.of()), agency, d.edxmlDocumentId(), d.edxmlDocumentId(), d.originalNotation(),
                d.originalNotation(), d.originalNumber(), d.organName());
    }

    // --- reading ---------------------------------------------------------------------------------------

    static Document document(ResultSet rs, List<DocumentFile> files) throws SQLException {
        String position = rs.getString("signer_position");
        String name = rs.getString("signer_name");
        String competence = rs.getString("signer_competence");
        return new Document(Db.uuid(rs, "id"), Db.uuid(rs, "register_id"), Db.uuid(rs, "agency_id"), rs.getString("kind"),
                rs.getInt("number"), rs.getString("period"), rs.getString("notation"), rs.getString("type_code"),
                typeName(rs), Db.date(rs, "issued_date"), rs.getString("organ_name"), rs.getString("organ_id"),
                rs.getString("subject"), rs.getString("language"), (Integer) rs.getObject("page_amount"),
                rs.getString("description"), position == null && name == null && competence == null ? null
                        : new Signer(position, name, competence),
                strings(rs.getArray("to_units")), strings(rs.getArray("to_places")), rs.getInt("priority"),
                (Integer) rs.getObject("issued_amount"), Db.date(rs, "due_date"), Db.date(rs, "arrival_date"),
                rs.getString("arrival_method"), rs.getString("original_number"), rs.getString("original_notation"),
                rs.getString("edxml_document_id"), rs.getString("secrecy"), rs.getBoolean("stub"), rs.getBoolean("backfilled"),
                rs.getString("incident_ref"), rs.getString("status"), rs.getString("void_reason"), files,
                rs.getString("registered_by"), Db.instant(rs, "registered_at"));
    }

    private static String typeName(ResultSet rs) throws SQLException {
        try {
            return rs.getString("type_name");
        } catch (SQLException notSelected) {
            return null;
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** Every column a Document shows: not the PDF text or the search vector, which can be large. */
    static final String COLUMNS = "d.id, d.register_id, d.agency_id, d.kind, d.number, d.period, d.counter_type, d.notation,"
            + " d.type_code, d.issued_date, d.organ_name, d.organ_id, d.subject, d.language, d.page_amount, d.description,"
            + " d.signer_position, d.signer_name, d.signer_competence, d.to_units, d.to_places, d.priority, d.issued_amount,"
            + " d.due_date, d.arrival_date, d.arrival_method, d.original_number, d.original_notation, d.edxml_document_id,"
            + " d.secrecy, d.stub, d.backfilled, d.incident_ref, d.status, d.void_reason, d.registered_by, d.registered_at,"
            + " d.updated_at, t.name AS type_name";
    static final String SELECT = "SELECT " + COLUMNS + " FROM registry.document d"
            + " JOIN registry.doc_type t ON t.code = d.type_code";

    private static Optional<Document> load(Connection c, UUID id) throws SQLException {
        List<DocumentFile> files = Db.list(c, "SELECT * FROM registry.document_file WHERE document_id = ? ORDER BY added_at, sha256",
                rs -> new DocumentFile(rs.getString("sha256"), rs.getString("file_name"), rs.getString("media_type"),
                        rs.getLong("size"), rs.getInt("pages"), rs.getString("role")), id);
        return Db.one(c, SELECT + " WHERE d.id = ?", rs -> document(rs, files), id);
    }

    /** The document if the caller may see its agency; else 404 as if it did not exist. */
    private Document visible(Connection c, Caller caller, UUID id) throws SQLException {
        Check.present(id, "id");
        Document d = load(c, id).orElseThrow(() -> Check.notFound("văn bản", "document"));
        if (!caller.canSee(d.agencyId())) {
            throw Check.notFound("văn bản", "document");
        }
        return d;
    }

    private void logAccess(Connection c, Caller caller, UUID id, String action, String sha) throws SQLException {
        Db.update(c, "INSERT INTO registry.access_log (document_id, username, full_name, action, sha256, at) VALUES (?,?,?,?,?,?)",
                id, caller.username(), caller.fullName(), action, sha, clock.now());
    }

    @Override
    public Optional<Document> document(Caller caller, UUID id) {
        try {
            return Optional.of(db.tx(c -> {
                Document d = visible(c, caller, id);
                logAccess(c, caller, id, "view", null);
                return d;
            }));
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<DocumentFile> download(Caller caller, UUID id, String sha256) {
        return db.tx(c -> {
            Document d = visible(c, caller, id);
            Optional<DocumentFile> f = d.files().stream().filter(x -> x.sha256().equals(sha256)).findFirst();
            if (f.isPresent()) {
                logAccess(c, caller, id, "download", sha256);
            }
            return f;
        });
    }

    @Override
    public List<AccessEntry> accessLog(Caller caller, UUID id) {
        return db.read(c -> {
            Document d = visible(c, caller, id);
            if (!system(caller) && !(caller.hasRole(Roles.LEADER) && caller.canSee(d.agencyId()))) {
                throw ProblemException.forbidden();
            }
            return Db.list(c, "SELECT username, full_name, action, at FROM registry.access_log WHERE document_id = ?"
                    + " ORDER BY at DESC, id DESC LIMIT 1000", rs -> new AccessEntry(rs.getString(1), rs.getString(2),
                    rs.getString(3), Db.instant(rs, "at")), id);
        });
    }

    @Override
    public List<HistoryEntry> history(Caller caller, UUID id) {
        Document d = db.read(c -> visible(c, caller, id));
        List<HistoryEntry> out = new ArrayList<>();
        for (JournalEntry e : journal.history(d.agencyId(), id.toString(), 500)) {
            out.add(new HistoryEntry(e.occurredAt(), e.actor(), e.action(), e.payload()));
        }
        return out;
    }

    // --- changes -------------------------------------------------------------------------------------

    /** Fields a correction may change, with their column; number, register, type and secrecy never change. */
    static final Map<String, String> CORRECTABLE = Map.ofEntries(Map.entry("subject", "subject"),
            Map.entry("issuedDate", "issued_date"), Map.entry("organName", "organ_name"), Map.entry("organId", "organ_id"),
            Map.entry("language", "language"), Map.entry("pageAmount", "page_amount"), Map.entry("description", "description"),
            Map.entry("priority", "priority"), Map.entry("issuedAmount", "issued_amount"), Map.entry("dueDate", "due_date"),
            Map.entry("originalNumber", "original_number"), Map.entry("originalNotation", "original_notation"),
            Map.entry("arrivalMethod", "arrival_method"));

    @Override
    public Document correct(Caller caller, UUID id, Map<String, Object> changes, String reason) {
        Check.present(changes, "changes");
        String why = Check.text(reason, "reason", 500, true);
        if (changes.isEmpty()) {
            throw Check.invalid("changes", "trống", "is empty");
        }
        return db.tx(c -> {
            Document d = visible(c, caller, id);
            requireClerkOf(caller, d.agencyId());
            Db.one(c, "SELECT 1 FROM registry.document WHERE id = ? FOR UPDATE", rs -> 1, id);
            if (!"registered".equals(d.status())) {
                throw ProblemException.conflict("document-void", "Văn bản đã bị hủy, không sửa được.", "A void entry cannot be corrected.");
            }
            Map<String, Object> before = new LinkedHashMap<>();
            Map<String, Object> after = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : changes.entrySet()) {
                String column = CORRECTABLE.get(e.getKey());
                if (column == null) {
                    throw Check.invalid(e.getKey(), "không sửa được (số, sổ, loại và độ mật giữ nguyên)",
                            "cannot be corrected (number, register, type and secrecy stay)");
                }
                if (d.stub() && Set.of("subject", "description").contains(e.getKey()) && e.getValue() != null) {
                    throw new ProblemException(422, "classified-content", "Không được lưu nội dung văn bản mật",
                            "Văn bản mật chỉ được lấy số: không trích yếu, không ghi chú.", "Classified content refused",
                            "A classified entry holds no subject or note.");
                }
                Object value = corrected(e.getKey(), e.getValue());
                // an empty field is a row with a NULL value (Db.one maps rows, and a row may not map to null)
                Object old = Db.one(c, "SELECT " + column + " FROM registry.document WHERE id = ?",
                        rs -> Optional.ofNullable(rs.getObject(1)), id).orElseThrow().orElse(null);
                if (!Objects.equals(String.valueOf(old), String.valueOf(value))) {
                    before.put(e.getKey(), old == null ? null : old.toString());
                    after.put(e.getKey(), value == null ? null : value.toString());
                    Db.update(c, "UPDATE registry.document SET " + column + " = ? WHERE id = ?", value, id);
                }
            }
            if (!after.isEmpty()) {
                Db.update(c, "UPDATE registry.document SET updated_at = ? WHERE id = ?", clock.now(), id);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("before", before);
                p.put("after", after);
                p.put("reason", why);
                journal.append(c, new JournalDraft(d.agencyId(), caller.username(), "registry.document-corrected", id.toString(), p));
            }
            return load(c, id).orElseThrow();
        });
    }

    private static Object corrected(String field, Object value) {
        if (value != null && !(value instanceof String) && !(value instanceof Number)) {
            throw Check.invalid(field, "có kiểu không hợp lệ", "has a wrong type");
        }
        String s = value == null ? null : value.toString();
        try {
            return switch (field) {
                case "subject" -> Check.text(s, field, 500, true);
                case "organName" -> Check.text(s, field, 200, false);
                case "organId", "originalNotation" -> Check.text(s, field, 30, false);
                case "originalNumber" -> Check.text(s, field, 11, false);
                case "language" -> Check.text(s, field, 50, false);
                case "description" -> Check.text(s, field, 1000, false);
                case "arrivalMethod" -> s == null ? null : Check.oneOf(s, field, ARRIVAL, null);
                case "issuedDate", "dueDate" -> s == null ? null : LocalDate.parse(s);
                case "priority" -> Check.range(s == null ? 0 : Integer.valueOf(s), field, 0, 4);
                default -> s == null ? null : Check.range(Integer.valueOf(s), field, 0, 1_000_000);
            };
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            throw Check.invalid(field, "có giá trị không hợp lệ", "has an invalid value");
        }
    }

    @Override
    public Document voidEntry(Caller caller, UUID id, String reason) {
        String why = Check.text(reason, "reason", 500, true);
        return db.tx(c -> {
            Document d = visible(c, caller, id);
            requireClerkOf(caller, d.agencyId());
            if (Db.update(c, "UPDATE registry.document SET status = 'void', void_reason = ?, updated_at = ? WHERE id = ?"
                    + " AND status = 'registered'", why, clock.now(), id) == 0) {
                throw ProblemException.conflict("document-void", "Văn bản đã bị hủy trước đó.", "The entry is void already.");
            }
            journal.append(c, new JournalDraft(d.agencyId(), caller.username(), "registry.document-voided", id.toString(),
                    Map.of("number", d.number(), "reason", why)));
            return load(c, id).orElseThrow();
        });
    }

    // --- search and books ----------------------------------------------------------------------------

    /** The stored search vector (migration V2): metadata and PDF text, diacritics stripped by the configuration. */
    static final String TSV = "d.search";

    @Override
    public Page<Document> search(Caller caller, SearchQuery q) {
        Check.present(q, "query");
        String text = Check.text(q.text(), "q", 200, false);
        String organ = Check.text(q.organ(), "organ", 200, false);
        String kind = q.kind() == null ? null : Check.oneOf(q.kind(), "kind", Set.of("incoming", "outgoing"), null);
        String status = q.status() == null ? null : Check.oneOf(q.status(), "status", Set.of("registered", "void"), null);
        String sort = Check.oneOf(q.sort(), "sort", Set.of("relevance", "newest", "oldest", "number"), text == null ? "newest" : "relevance");
        Check.range(q.priority(), "priority", 0, 4);
        int size = q.size() == 0 ? 20 : Check.range(q.size(), "size", 1, MAX_PAGE);
        int page = q.page() == 0 ? 1 : Check.range(q.page(), "page", 1, 100_000);
        List<UUID> scope = new ArrayList<>(caller.visibleAgencies());
        scope.add(caller.agencyId());
        StringBuilder where = new StringBuilder(" FROM registry.document d JOIN registry.doc_type t ON t.code = d.type_code WHERE true");
        List<Object> params = new ArrayList<>();
        if (!system(caller)) {
            where.append(" AND d.agency_id = ANY (?::uuid[])");
            params.add(scope.stream().map(UUID::toString).toList());
        }
        if (text != null) {
            where.append(" AND ").append(TSV).append(" @@ plainto_tsquery('platform.vietnamese', ?)");
            params.add(text);
        }
        add(where, params, " AND d.register_id = ?", q.registerId());
        add(where, params, " AND d.kind = ?", kind);
        add(where, params, " AND d.type_code = ?", q.typeCode());
        add(where, params, " AND lower(platform.unaccent(d.organ_name)) LIKE '%' || lower(platform.unaccent(?)) || '%'", organ);
        add(where, params, " AND coalesce(d.arrival_date, d.issued_date) >= ?", q.from());
        add(where, params, " AND coalesce(d.arrival_date, d.issued_date) <= ?", q.to());
        add(where, params, " AND d.priority = ?", q.priority());
        add(where, params, " AND d.status = ?", status);
        String order = switch (sort) {
            case "relevance" -> text == null ? "d.registered_at DESC, d.id"
                    : "ts_rank(" + TSV + ", plainto_tsquery('platform.vietnamese', " + quote(text) + ")) DESC, d.registered_at DESC, d.id";
            case "oldest" -> "d.registered_at, d.id";
            case "number" -> "d.register_id, d.period, d.number";
            default -> "d.registered_at DESC, d.id";
        };
        return db.read(c -> Db.page(c, COLUMNS, where.toString(), order, rs -> document(rs, List.of()),
                page, size, params.toArray()));
    }

    /** A literal for ORDER BY (parameters there would be counted twice by the paging query). */
    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'"; // standard_conforming_strings: backslashes are literal
    }

    private static void add(StringBuilder where, List<Object> params, String clause, Object value) {
        if (value != null) {
            where.append(clause);
            params.add(value);
        }
    }

    @Override
    public <T> T book(Caller caller, BookQuery query, BookReader<T> reader) throws IOException {
        Check.present(query, "query");
        String period = Check.text(query.period(), "period", 50, true);
        Register r = db.read(c -> registerFor(c, caller, query.registerId(), false));
        return books.read(r, new BookQuery(r.id(), period, query.from(), query.to(), query.maxEntries()), reader);
    }
}
