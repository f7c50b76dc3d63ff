package vn.chidao.account.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.api.AccountRequest;
import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Agency;
import vn.chidao.account.api.Alert;
import vn.chidao.account.api.Decision;
import vn.chidao.account.api.Grant;
import vn.chidao.account.api.GrantDraft;
import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.Page;
import vn.chidao.account.api.RequestDraft;
import vn.chidao.account.api.User;
import vn.chidao.account.api.UserDraft;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.auth.PasswordHashing;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.ProblemException;

/**
 * People, grants, requests and alerts. Agency administrators and leaders act on their acting agency
 * only; people and requests of other agencies answer 404 as if they did not exist. Every change of
 * access rights is journaled, raises an alert and revokes the person's sessions.
 */
@Component(service = {Accounts.class, AccountService.class})
public class AccountService implements Accounts {

    static final Set<String> AGENCY_ROLES = Set.of(Roles.CLERK, Roles.LEADER, Roles.SPECIALIST, Roles.AGENCY_ADMIN);
    /** Role names as alerts show them to leaders. */
    static final Map<String, String> ROLE_VI = Map.of(Roles.CLERK, "văn thư", Roles.LEADER, "lãnh đạo",
            Roles.SPECIALIST, "chuyên viên", Roles.AGENCY_ADMIN, "quản trị cơ quan", Roles.SYSTEM_ADMIN, "quản trị hệ thống");
    static final String USER_COLUMNS = "p.id, p.username, p.full_name, p.email, p.phone, p.position, p.active,"
            + " (p.locked OR coalesce(p.locked_until > now(), false)) AS is_locked, p.totp_enabled, p.must_change, p.created_at";
    private static final int MAX_PAGE = 200;

    private final Db db;
    private final ChidaoClock clock;
    private final Journal journal;
    private final PasswordHashing hashing;

    @Activate
    public AccountService(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                          @Reference ChidaoClock clock, @Reference Journal journal, @Reference PasswordHashing hashing,
                          @Reference(target = "(chidao.schema=account)") SchemaReady schema) {
        this.db = new Db(dataSource);
        this.clock = clock;
        this.journal = journal;
        this.hashing = hashing;
    }

    static User user(ResultSet rs) throws SQLException {
        return new User(Db.uuid(rs, "id"), rs.getString("username"), rs.getString("full_name"), rs.getString("email"),
                rs.getString("phone"), rs.getString("position"), rs.getBoolean("active"), rs.getBoolean("is_locked"),
                rs.getBoolean("totp_enabled"), rs.getBoolean("must_change"), Db.instant(rs, "created_at"));
    }

    static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(Db.uuid(rs, "id"), Db.uuid(rs, "person_id"), Db.uuid(rs, "agency_id"), rs.getString("role"),
                Db.instant(rs, "valid_from"), Db.instant(rs, "valid_to"), rs.getString("reason"), rs.getString("granted_by"),
                Db.instant(rs, "granted_at"), Db.instant(rs, "revoked_at"));
    }

    static AccountRequest request(ResultSet rs) throws SQLException {
        return new AccountRequest(Db.uuid(rs, "id"), Db.uuid(rs, "agency_id"), rs.getString("kind"), rs.getString("status"),
                new UserDraft(rs.getString("username"), rs.getString("full_name"), rs.getString("email"), rs.getString("phone"),
                        rs.getString("position")), Db.uuid(rs, "person_id"),
                Arrays.asList((String[]) rs.getArray("roles").getArray()), Db.instant(rs, "valid_from"),
                Db.instant(rs, "valid_to"), rs.getString("note"), rs.getString("requested_by"), Db.instant(rs, "requested_at"),
                rs.getString("decided_by"), Db.instant(rs, "decided_at"), rs.getString("decision_note"),
                Db.instant(rs, "otp_issued_at"));
    }

    static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(Db.uuid(rs, "id"), Db.uuid(rs, "agency_id"), rs.getString("kind"), Db.uuid(rs, "person_id"),
                rs.getString("summary"), rs.getString("actor"), Db.instant(rs, "created_at"), rs.getString("acknowledged_by"),
                Db.instant(rs, "acknowledged_at"));
    }

    // --- who may do what -------------------------------------------------------------------------

    private static boolean system(Caller c) {
        return c.hasRole(Roles.SYSTEM_ADMIN);
    }

    /** An agency administrator or leader acting for this very agency, or a system administrator. */
    private static boolean overseesAgency(Caller c, UUID agency) {
        return system(c) || (agency != null && agency.equals(c.agencyId()) && c.hasAnyRole(Roles.AGENCY_ADMIN, Roles.LEADER));
    }

    private static boolean administersAgency(Caller c, UUID agency) {
        return system(c) || (agency != null && agency.equals(c.agencyId()) && c.hasRole(Roles.AGENCY_ADMIN));
    }

    /** Whether the person holds or held any grant in the agency. */
    private static boolean belongs(Connection c, UUID person, UUID agency) throws SQLException {
        return Db.one(c, "SELECT 1 FROM account.role_grant WHERE person_id = ? AND agency_id = ?", rs -> 1, person, agency).isPresent();
    }

    /** The person if the caller may see them (themselves, or their agency's overseers); else 404. */
    private User visibleUser(Connection c, Caller caller, UUID id) throws SQLException {
        Check.present(id, "userId");
        User u = Db.one(c, "SELECT " + USER_COLUMNS + " FROM account.person p WHERE p.id = ?", AccountService::user, id)
                .orElseThrow(AccountService::noSuchUser);
        if (id.equals(caller.userId()) || system(caller) || (overseesAgency(caller, caller.agencyId())
                && belongs(c, id, caller.agencyId()))) {
            return u;
        }
        throw noSuchUser();
    }

    /**
     * The person if the caller administers them: a system administrator anyone; an agency administrator
     * only the ordinary staff (clerks, specialists) of their agency whose every grant is there — never a
     * leader or administrator, nor someone who also holds a role elsewhere, since a one-time password or
     * a lock would let them act in (or against) that person's place in another agency.
     */
    private User administeredUser(Connection c, Caller caller, UUID id) throws SQLException {
        User u = visibleUser(c, caller, id);
        if (system(caller)) {
            return u;
        }
        Instant now = clock.now();
        if (!administersAgency(caller, caller.agencyId()) || id.equals(caller.userId())
                || !Callers.agencies(c, id, now).contains(caller.agencyId()) || beyondAgencyStaff(c, id, caller.agencyId(), now)) {
            throw ProblemException.forbidden();
        }
        return u;
    }

    /**
     * Holds a grant (current or yet to start) that puts them beyond the agency administrator: any role in
     * another agency or system-wide, or a role above clerk and specialist in this one.
     */
    private static boolean beyondAgencyStaff(Connection c, UUID person, UUID agency, Instant now) throws SQLException {
        return Db.one(c, "SELECT 1 FROM account.role_grant WHERE person_id = ? AND revoked_at IS NULL"
                + " AND (valid_to IS NULL OR valid_to > ?) AND (agency_id IS DISTINCT FROM ? OR role NOT IN ('clerk', 'specialist'))",
                rs -> 1, person, now, agency).isPresent();
    }

    private static ProblemException noSuchUser() {
        return Check.notFound("tài khoản", "user");
    }

    // --- people ------------------------------------------------------------------------------------

    @Override
    public Page<User> users(Caller caller, UUID agencyId, String query, int page, int size) {
        Check.present(agencyId, "agencyId");
        if (!overseesAgency(caller, agencyId)) {
            // another agency's people are not even listed as empty
            if (caller.hasAnyRole(Roles.AGENCY_ADMIN, Roles.LEADER)) {
                throw Check.notFound("cơ quan", "agency");
            }
            throw ProblemException.forbidden();
        }
        String q = Check.text(query, "q", 100, false);
        int s = size(size);
        int p = page(page);
        String where = " FROM account.person p WHERE EXISTS (SELECT 1 FROM account.role_grant g WHERE g.person_id = p.id"
                + " AND g.agency_id = ?) AND (?::text IS NULL OR p.search LIKE '%' || lower(platform.unaccent(?::text)) || '%')";
        return db.read(c -> {
            if (AgencyService.find(c, agencyId).isEmpty()) {
                throw Check.notFound("cơ quan", "agency");
            }
            return Db.page(c, USER_COLUMNS, where, "p.full_name COLLATE platform.vi, p.id", AccountService::user, p, s,
                    agencyId, q, q);
        });
    }

    @Override
    public Optional<User> user(Caller caller, UUID userId) {
        try {
            return Optional.of(db.read(c -> visibleUser(c, caller, userId)));
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<User> byUsername(Caller caller, String username) {
        Optional<UUID> id = db.read(c -> Db.one(c, "SELECT id FROM account.person WHERE lower(username) = lower(?)",
                rs -> Db.uuid(rs, "id"), username == null ? "" : username.strip()));
        return id.flatMap(i -> user(caller, i));
    }

    @Override
    public Decision create(Caller caller, UserDraft draft, List<GrantDraft> grants) {
        if (!system(caller)) {
            throw ProblemException.forbidden();
        }
        UserDraft d = validate(draft);
        List<GrantDraft> gs = grants == null ? List.of() : grants;
        char[] otp = hashing.oneTimePassword();
        String hash = hash(otp);
        return db.tx(c -> {
            Instant now = clock.now();
            UUID id = insertPerson(c, d, hash, now, caller, null);
            for (GrantDraft g : gs) {
                Check.present(g, "grants[]");
                insertGrant(c, caller, new GrantDraft(id, g.agencyId(), g.role(), g.validFrom(), g.validTo(), g.reason()), now);
            }
            return new Decision(null, visibleUser(c, Caller.SYSTEM, id), new String(otp));
        });
    }

    private String hash(char[] password) {
        try {
            return hashing.hash(password);
        } catch (AuthenticationException e) {
            throw new ProblemException(429, "busy", "Hệ thống đang bận", e.getMessage(), "Busy", "Retry in a few seconds.");
        }
    }

    /** A new account; {@code fromRequest} is the approved request naming it (its own username does not count as taken). */
    private UUID insertPerson(Connection c, UserDraft d, String hash, Instant now, Caller caller, UUID fromRequest)
            throws SQLException {
        requireFreeUsername(c, d.username(), fromRequest);
        UUID id = Ids.newId();
        Db.update(c, "INSERT INTO account.person (id, username, full_name, email, phone, position, password_hash,"
                + " must_change, created_at, updated_at) VALUES (?,?,?,?,?,?,?,true,?,?)", id, d.username(), d.fullName(),
                d.email(), d.phone(), d.position(), hash, now, now);
        journal.append(c, new JournalDraft(Ids.NO_AGENCY, caller.username(), "account.user-created", id.toString(),
                profile(d)));
        return id;
    }

    private static void requireFreeUsername(Connection c, String username, UUID pendingRequest) throws SQLException {
        if (Db.one(c, "SELECT 1 FROM account.person WHERE lower(username) = lower(?)", rs -> 1, username).isPresent()
                || Db.one(c, "SELECT 1 FROM account.request WHERE lower(username) = lower(?) AND status = 'pending'"
                + " AND id <> ?", rs -> 1, username, pendingRequest == null ? new UUID(0, 0) : pendingRequest).isPresent()) {
            throw ProblemException.conflict("duplicate-username", "Tên đăng nhập '" + username + "' đã được dùng.",
                    "The username is taken.");
        }
    }

    private static Map<String, Object> profile(UserDraft d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", d.username());
        m.put("fullName", d.fullName());
        m.put("email", d.email());
        m.put("phone", d.phone());
        m.put("position", d.position());
        return m;
    }

    static UserDraft validate(UserDraft d) {
        Check.present(d, "user");
        String username = Check.text(d.username(), "username", 50, true).toLowerCase(java.util.Locale.ROOT);
        if (!Formats.USERNAME.matcher(username).matches()) {
            throw Check.invalid("username", "chỉ gồm 3–50 chữ thường không dấu, số, '.', '_' hoặc '-'",
                    "takes 3-50 lower-case ASCII letters, digits, '.', '_' or '-'");
        }
        return new UserDraft(username, Check.text(d.fullName(), "fullName", 150, true),
                Check.matching(d.email(), "email", Formats.EMAIL, false), Check.matching(d.phone(), "phone", Formats.PHONE, false),
                Check.text(d.position(), "position", 150, false));
    }

    @Override
    public User updateProfile(Caller caller, UUID userId, UserDraft draft) {
        Check.present(draft, "user");
        String fullName = Check.text(draft.fullName(), "fullName", 150, true);
        String email = Check.matching(draft.email(), "email", Formats.EMAIL, false);
        String phone = Check.matching(draft.phone(), "phone", Formats.PHONE, false);
        String position = Check.text(draft.position(), "position", 150, false);
        return db.tx(c -> {
            if (!userId.equals(caller.userId())) {
                administeredUser(c, caller, userId);
            }
            Db.update(c, "UPDATE account.person SET full_name = ?, email = ?, phone = ?, position = ?, updated_at = ? WHERE id = ?",
                    fullName, email, phone, position, clock.now(), userId);
            journal.append(c, new JournalDraft(caller.agencyId(), caller.username(), "account.user-updated", userId.toString(),
                    profile(new UserDraft(null, fullName, email, phone, position))));
            return visibleUser(c, Caller.SYSTEM, userId);
        });
    }

    @Override
    public User lock(Caller caller, UUID userId, String reason) {
        String why = Check.text(reason, "reason", 500, false);
        return db.tx(c -> {
            User u = administeredUser(c, caller, userId);
            Instant now = clock.now();
            Db.update(c, "UPDATE account.person SET locked = true, locked_reason = ?, updated_at = ? WHERE id = ?", why, now, userId);
            revokeSessions(c, userId, "locked", now);
            journal.append(c, new JournalDraft(caller.agencyId(), caller.username(), "account.user-locked", userId.toString(),
                    why == null ? Map.of() : Map.of("reason", why)));
            alertAllAgencies(c, userId, "user-locked", "Khóa tài khoản " + u.username() + (why == null ? "" : ": " + why),
                    caller.username(), now);
            return visibleUser(c, Caller.SYSTEM, userId);
        });
    }

    @Override
    public User unlock(Caller caller, UUID userId) {
        return db.tx(c -> {
            User u = administeredUser(c, caller, userId);
            Instant now = clock.now();
            Db.update(c, "UPDATE account.person SET locked = false, locked_reason = NULL, locked_until = NULL, failed_logins = 0,"
                    + " updated_at = ? WHERE id = ?", now, userId);
            journal.append(c, new JournalDraft(caller.agencyId(), caller.username(), "account.user-unlocked", userId.toString(),
                    Map.of()));
            alertAllAgencies(c, userId, "user-unlocked", "Mở khóa tài khoản " + u.username(), caller.username(), now);
            return visibleUser(c, Caller.SYSTEM, userId);
        });
    }

    @Override
    public Decision resetPassword(Caller caller, UUID userId) {
        char[] otp = hashing.oneTimePassword();
        String hash = hash(otp);
        return db.tx(c -> {
            User u = administeredUser(c, caller, userId);
            Instant now = clock.now();
            Db.update(c, "UPDATE account.person SET password_hash = ?, must_change = true, failed_logins = 0, locked_until = NULL,"
                    + " updated_at = ? WHERE id = ?", hash, now, userId);
            revokeSessions(c, userId, "password-reset", now);
            journal.append(c, new JournalDraft(caller.agencyId(), caller.username(), "account.password-reset", userId.toString(),
                    Map.of()));
            alertAllAgencies(c, userId, "password-reset", "Cấp lại mật khẩu cho " + u.username(), caller.username(), now);
            return new Decision(null, visibleUser(c, Caller.SYSTEM, userId), new String(otp));
        });
    }

    // --- grants ------------------------------------------------------------------------------------

    @Override
    public List<Grant> grants(Caller caller, UUID userId) {
        return db.read(c -> {
            visibleUser(c, caller, userId);
            boolean all = system(caller) || userId.equals(caller.userId());
            return Db.list(c, "SELECT * FROM account.role_grant WHERE person_id = ?" + (all ? "" : " AND agency_id = ?")
                    + " ORDER BY granted_at, id", AccountService::grant, all ? new Object[] {userId} : new Object[] {userId, caller.agencyId()});
        });
    }

    @Override
    public Grant grant(Caller caller, GrantDraft draft) {
        if (!system(caller)) {
            throw ProblemException.forbidden();
        }
        Check.present(draft, "grant");
        return db.tx(c -> {
            visibleUser(c, caller, draft.userId());
            return insertGrant(c, caller, draft, clock.now());
        });
    }

    private Grant insertGrant(Connection c, Caller caller, GrantDraft d, Instant now) throws SQLException {
        Check.present(d.userId(), "userId");
        String role = Check.text(d.role(), "role", 30, true);
        if (!AGENCY_ROLES.contains(role) && !Roles.SYSTEM_ADMIN.equals(role)) {
            throw Check.invalid("role", "không phải một vai trò (clerk, leader, specialist, agency-admin, system-admin)",
                    "is not a role (clerk, leader, specialist, agency-admin, system-admin)");
        }
        if (Roles.SYSTEM_ADMIN.equals(role) != (d.agencyId() == null)) {
            throw Check.invalid("agencyId", Roles.SYSTEM_ADMIN.equals(role) ? "phải để trống với quản trị hệ thống"
                    : "bắt buộc", Roles.SYSTEM_ADMIN.equals(role) ? "must be empty for system-admin" : "is required");
        }
        if (d.agencyId() != null) {
            AgencyService.find(c, d.agencyId()).filter(Agency::active)
                    .orElseThrow(() -> Check.notFound("cơ quan đang hoạt động", "active agency"));
        }
        Instant from = d.validFrom() == null ? now : d.validFrom();
        if (d.validTo() != null && !d.validTo().isAfter(from)) {
            throw Check.invalid("validTo", "phải sau thời điểm bắt đầu", "must be after validFrom");
        }
        String reason = Check.text(d.reason(), "reason", 500, false);
        UUID id = Ids.newId();
        Db.update(c, "INSERT INTO account.role_grant (id, person_id, agency_id, role, valid_from, valid_to, reason, granted_by,"
                + " granted_at) VALUES (?,?,?,?,?,?,?,?,?)", id, d.userId(), d.agencyId(), role, from, d.validTo(), reason,
                caller.username(), now);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("userId", d.userId().toString());
        p.put("role", role);
        p.put("validFrom", from.toString());
        p.put("validTo", d.validTo() == null ? null : d.validTo().toString());
        journal.append(c, new JournalDraft(d.agencyId() == null ? Ids.NO_AGENCY : d.agencyId(), caller.username(),
                "account.role-granted", id.toString(), p));
        String username = Db.one(c, "SELECT username FROM account.person WHERE id = ?", rs -> rs.getString(1), d.userId())
                .orElseThrow(AccountService::noSuchUser);
        alert(c, d.agencyId(), "role-granted", d.userId(), "Cấp quyền " + ROLE_VI.get(role) + " cho " + username
                + (d.validTo() == null ? "" : " (có thời hạn)"), caller.username(), now);
        revokeSessions(c, d.userId(), "role-change", now);
        return Db.one(c, "SELECT * FROM account.role_grant WHERE id = ?", AccountService::grant, id).orElseThrow();
    }

    @Override
    public Grant revoke(Caller caller, UUID grantId, String reason) {
        Check.present(grantId, "grantId");
        String why = Check.text(reason, "reason", 500, false);
        return db.tx(c -> {
            Grant g = Db.one(c, "SELECT * FROM account.role_grant WHERE id = ? FOR UPDATE", AccountService::grant, grantId)
                    .orElseThrow(() -> Check.notFound("quyền", "grant"));
            if (!system(caller)) {
                if (g.agencyId() == null || !g.agencyId().equals(caller.agencyId())) {
                    throw Check.notFound("quyền", "grant");
                }
                if (!administersAgency(caller, g.agencyId()) || g.userId().equals(caller.userId())
                        || !Set.of(Roles.CLERK, Roles.SPECIALIST).contains(g.role())
                        || beyondAgencyStaff(c, g.userId(), g.agencyId(), clock.now())) {
                    throw ProblemException.forbidden();
                }
            }
            if (g.revokedAt() != null) {
                throw ProblemException.conflict("already-revoked", "Quyền này đã bị thu hồi.", "The grant is revoked already.");
            }
            Instant now = clock.now();
            Db.update(c, "UPDATE account.role_grant SET revoked_at = ?, revoked_by = ? WHERE id = ?", now, caller.username(), grantId);
            journal.append(c, new JournalDraft(g.agencyId() == null ? Ids.NO_AGENCY : g.agencyId(), caller.username(),
                    "account.role-revoked", grantId.toString(), why == null ? Map.of("role", g.role())
                            : Map.of("role", g.role(), "reason", why)));
            alert(c, g.agencyId(), "role-revoked", g.userId(), "Thu hồi quyền " + ROLE_VI.get(g.role()) + (why == null ? "" : ": " + why),
                    caller.username(), now);
            revokeSessions(c, g.userId(), "role-change", now);
            return Db.one(c, "SELECT * FROM account.role_grant WHERE id = ?", AccountService::grant, grantId).orElseThrow();
        });
    }

    // --- requests ----------------------------------------------------------------------------------

    @Override
    public AccountRequest propose(Caller caller, RequestDraft draft) {
        Check.present(draft, "request");
        String kind = Check.text(draft.kind(), "kind", 30, true);
        if (!Set.of("create-account", "change-roles").contains(kind)) {
            throw Check.invalid("kind", "phải là create-account hoặc change-roles", "must be create-account or change-roles");
        }
        UUID agency = draft.agencyId() == null ? caller.agencyId() : draft.agencyId();
        if (!administersAgency(caller, agency)) {
            if (caller.hasRole(Roles.AGENCY_ADMIN)) {
                throw Check.notFound("cơ quan", "agency");
            }
            throw ProblemException.forbidden();
        }
        List<String> roles = Check.present(draft.roles(), "roles");
        if (roles.isEmpty() || roles.size() > 4 || roles.stream().anyMatch(r -> !AGENCY_ROLES.contains(r))
                || Set.copyOf(roles).size() != roles.size()) {
            throw Check.invalid("roles", "phải gồm các vai trò khác nhau trong: clerk, leader, specialist, agency-admin",
                    "must list distinct roles among clerk, leader, specialist, agency-admin");
        }
        if (draft.validTo() != null && !draft.validTo().isAfter(draft.validFrom() == null ? clock.now() : draft.validFrom())) {
            throw Check.invalid("validTo", "phải sau thời điểm bắt đầu", "must be after validFrom");
        }
        String note = Check.text(draft.note(), "note", 1000, false);
        UserDraft u = "create-account".equals(kind) ? validate(draft.user()) : null;
        return db.tx(c -> {
            AgencyService.find(c, agency).filter(Agency::active)
                    .orElseThrow(() -> Check.notFound("cơ quan đang hoạt động", "active agency"));
            UUID person = null;
            if (u != null) {
                requireFreeUsername(c, u.username(), null);
            } else {
                person = visibleUser(c, caller, Check.present(draft.userId(), "userId")).id();
            }
            UUID id = Ids.newId();
            Instant now = clock.now();
            Db.update(c, "INSERT INTO account.request (id, agency_id, kind, status, username, full_name, email, phone, position,"
                    + " person_id, roles, valid_from, valid_to, note, requested_by, requested_at) VALUES"
                    + " (?,?,?,'pending',?,?,?,?,?,?,?,?,?,?,?,?)", id, agency, kind, u == null ? null : u.username(),
                    u == null ? null : u.fullName(), u == null ? null : u.email(), u == null ? null : u.phone(),
                    u == null ? null : u.position(), person, roles, draft.validFrom(), draft.validTo(), note, caller.username(), now);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("kind", kind);
            p.put("roles", roles);
            if (u != null) {
                p.put("username", u.username());
            }
            journal.append(c, new JournalDraft(agency, caller.username(), "account.request-proposed", id.toString(), p));
            return requestById(c, id);
        });
    }

    private static AccountRequest requestById(Connection c, UUID id) throws SQLException {
        return Db.one(c, "SELECT * FROM account.request WHERE id = ?", AccountService::request, id)
                .orElseThrow(() -> Check.notFound("đề nghị", "request"));
    }

    @Override
    public Page<AccountRequest> requests(Caller caller, String status, int page, int size) {
        String st = Check.text(status, "status", 20, false);
        if (st != null && !Set.of("pending", "approved", "rejected").contains(st)) {
            throw Check.invalid("status", "phải là pending, approved hoặc rejected", "must be pending, approved or rejected");
        }
        if (!system(caller) && !caller.hasAnyRole(Roles.AGENCY_ADMIN, Roles.LEADER)) {
            throw ProblemException.forbidden();
        }
        boolean all = system(caller);
        int s = size(size);
        int p = page(page);
        String where = " FROM account.request WHERE (?::text IS NULL OR status = ?)" + (all ? "" : " AND agency_id = ?");
        Object[] params = all ? new Object[] {st, st} : new Object[] {st, st, caller.agencyId()};
        return db.read(c -> Db.page(c, "*", where, "requested_at DESC, id", AccountService::request, p, s, params));
    }

    /** The pending request, if the caller leads its agency or is a system administrator, and did not propose it. */
    private AccountRequest decidable(Connection c, Caller caller, UUID id) throws SQLException {
        Check.present(id, "requestId");
        AccountRequest r = Db.one(c, "SELECT * FROM account.request WHERE id = ? FOR UPDATE", AccountService::request, id)
                .orElseThrow(() -> Check.notFound("đề nghị", "request"));
        if (!system(caller) && !r.agencyId().equals(caller.agencyId())) {
            throw Check.notFound("đề nghị", "request");
        }
        // the agency's leader decides; a system administrator may record the head's decision (e.g. from the shell)
        if (!system(caller) && !(caller.hasRole(Roles.LEADER) && r.agencyId().equals(caller.agencyId()))) {
            throw new ProblemException(403, "leader-decides", "Không có quyền", "Chỉ lãnh đạo cơ quan phê duyệt đề nghị cấp tài khoản.",
                    "Forbidden", "Only the agency's leader decides account requests.");
        }
        if (caller.userId() != null && caller.userId().equals(r.userId())) {
            throw new ProblemException(403, "own-request", "Không có quyền", "Không ai tự quyết định đề nghị về chính mình.",
                    "Forbidden", "Nobody decides a request about themselves.");
        }
        if (r.requestedBy().equals(caller.username())) {
            throw new ProblemException(403, "four-eyes", "Không có quyền", "Người đề nghị không tự phê duyệt đề nghị của mình.",
                    "Forbidden", "Whoever proposed a request cannot decide it.");
        }
        if (!"pending".equals(r.status())) {
            throw ProblemException.conflict("already-decided", "Đề nghị đã được xử lý.", "The request was decided already.");
        }
        return r;
    }

    /**
     * Approves a request. A new account gets no password yet: its one-time password is made when the
     * proposer asks for it ({@link #issueOneTimePassword}), so the decider never learns it.
     */
    @Override
    public Decision approve(Caller caller, UUID requestId, String note) {
        String n = Check.text(note, "note", 1000, false);
        return db.tx(c -> {
            AccountRequest r = decidable(c, caller, requestId);
            Instant now = clock.now();
            UUID person = r.userId();
            boolean created = "create-account".equals(r.kind());
            if (created) {
                person = insertPerson(c, r.user(), null, now, caller, r.id());
            }
            Set<String> held = Set.copyOf(Db.list(c, "SELECT role FROM account.role_grant WHERE person_id = ? AND agency_id = ?"
                    + " AND revoked_at IS NULL AND (valid_to IS NULL OR valid_to > ?)", rs -> rs.getString(1), person, r.agencyId(), now));
            for (String role : r.roles()) {
                if (!held.contains(role)) {
                    insertGrant(c, caller, new GrantDraft(person, r.agencyId(), role, r.validFrom(), r.validTo(),
                            "Đề nghị " + r.id()), now);
                }
            }
            Db.update(c, "UPDATE account.request SET status = 'approved', person_id = ?, decided_by = ?, decided_at = ?,"
                    + " decision_note = ? WHERE id = ?", person, caller.username(), now, n, requestId);
            journal.append(c, new JournalDraft(r.agencyId(), caller.username(), "account.request-approved", requestId.toString(),
                    Map.of("userId", person.toString())));
            return new Decision(requestById(c, requestId), visibleUser(c, Caller.SYSTEM, person), null);
        });
    }

    /**
     * The one-time password of an account made by an approved request, for the administrator who proposed
     * it (and hands it over), once; until then the account cannot log in. Journaled; a lost one is replaced
     * by a password reset.
     */
    @Override
    public Decision issueOneTimePassword(Caller caller, UUID requestId) {
        Check.present(requestId, "requestId");
        char[] otp = hashing.oneTimePassword();
        String hash = hash(otp);
        return db.tx(c -> {
            AccountRequest r = Db.one(c, "SELECT * FROM account.request WHERE id = ? FOR UPDATE", AccountService::request, requestId)
                    .orElseThrow(() -> Check.notFound("đề nghị", "request"));
            if (!system(caller) && !r.agencyId().equals(caller.agencyId())) {
                throw Check.notFound("đề nghị", "request");
            }
            if (!r.requestedBy().equals(caller.username()) || !administersAgency(caller, r.agencyId())) {
                throw new ProblemException(403, "proposer-receives", "Không có quyền",
                        "Chỉ quản trị viên đã đề nghị nhận mật khẩu dùng một lần để trao cho người dùng.",
                        "Forbidden", "Only the administrator who proposed the account receives its one-time password.");
            }
            if (!"approved".equals(r.status()) || !"create-account".equals(r.kind())) {
                throw ProblemException.conflict("no-one-time-password", "Đề nghị này không tạo tài khoản mới đã được phê duyệt.",
                        "The request did not create an approved new account.");
            }
            if (r.oneTimePasswordIssuedAt() != null) {
                throw ProblemException.conflict("one-time-password-issued", "Mật khẩu dùng một lần đã được cấp; nếu bị mất, hãy"
                        + " cấp lại mật khẩu cho người dùng.", "The one-time password was issued already; reset the password if lost.");
            }
            Instant now = clock.now();
            Db.update(c, "UPDATE account.person SET password_hash = ?, must_change = true, updated_at = ? WHERE id = ?", hash, now,
                    r.userId());
            Db.update(c, "UPDATE account.request SET otp_issued_at = ? WHERE id = ?", now, requestId);
            journal.append(c, new JournalDraft(r.agencyId(), caller.username(), "account.one-time-password-issued",
                    r.userId().toString(), Map.of("requestId", requestId.toString())));
            return new Decision(requestById(c, requestId), visibleUser(c, Caller.SYSTEM, r.userId()), new String(otp));
        });
    }

    @Override
    public AccountRequest reject(Caller caller, UUID requestId, String note) {
        String n = Check.text(note, "note", 1000, false);
        return db.tx(c -> {
            AccountRequest r = decidable(c, caller, requestId);
            Db.update(c, "UPDATE account.request SET status = 'rejected', decided_by = ?, decided_at = ?, decision_note = ?"
                    + " WHERE id = ?", caller.username(), clock.now(), n, requestId);
            journal.append(c, new JournalDraft(r.agencyId(), caller.username(), "account.request-rejected", requestId.toString(),
                    n == null ? Map.of() : Map.of("note", n)));
            return requestById(c, requestId);
        });
    }

    // --- alerts ------------------------------------------------------------------------------------

    /** Raises an access-right alert in the caller's transaction. */
    static void alert(Connection c, UUID agency, String kind, UUID person, String summary, String actor, Instant now)
            throws SQLException {
        Db.update(c, "INSERT INTO account.alert (id, agency_id, kind, person_id, summary, actor, created_at) VALUES (?,?,?,?,?,?,?)",
                Ids.newId(), agency, kind, person, summary, actor, now);
    }

    /** One alert in each agency where the person holds a current grant (or one system-wide if none). */
    private static void alertAllAgencies(Connection c, UUID person, String kind, String summary, String actor, Instant now)
            throws SQLException {
        List<UUID> agencies = Db.list(c, "SELECT DISTINCT agency_id FROM account.role_grant WHERE person_id = ?"
                + " AND agency_id IS NOT NULL AND revoked_at IS NULL", rs -> Db.uuid(rs, "agency_id"), person);
        if (agencies.isEmpty()) {
            alert(c, null, kind, person, summary, actor, now);
        }
        for (UUID a : agencies) {
            alert(c, a, kind, person, summary, actor, now);
        }
    }

    static void revokeSessions(Connection c, UUID person, String reason, Instant now) throws SQLException {
        Db.update(c, "UPDATE account.session SET revoked_at = ?, revoked_reason = ? WHERE person_id = ? AND revoked_at IS NULL",
                now, reason, person);
    }

    @Override
    public Page<Alert> alerts(Caller caller, boolean openOnly, int page, int size) {
        if (!system(caller) && !caller.hasRole(Roles.LEADER)) {
            throw ProblemException.forbidden();
        }
        boolean all = system(caller);
        int s = size(size);
        int p = page(page);
        String where = " FROM account.alert WHERE (? = false OR acknowledged_at IS NULL)" + (all ? "" : " AND agency_id = ?");
        Object[] params = all ? new Object[] {openOnly} : new Object[] {openOnly, caller.agencyId()};
        return db.read(c -> Db.page(c, "*", where, "created_at DESC, id", AccountService::alert, p, s, params));
    }

    @Override
    public Alert acknowledge(Caller caller, UUID alertId) {
        Check.present(alertId, "alertId");
        return db.tx(c -> {
            Alert a = Db.one(c, "SELECT * FROM account.alert WHERE id = ? FOR UPDATE", AccountService::alert, alertId)
                    .orElseThrow(() -> Check.notFound("cảnh báo", "alert"));
            boolean mine = a.agencyId() != null && a.agencyId().equals(caller.agencyId());
            if (!system(caller) && !mine) {
                throw Check.notFound("cảnh báo", "alert");
            }
            if (!system(caller) && !caller.hasRole(Roles.LEADER)) {
                throw ProblemException.forbidden();
            }
            if (a.acknowledgedAt() != null) {
                throw ProblemException.conflict("already-acknowledged", "Cảnh báo đã được xác nhận.", "The alert is acknowledged already.");
            }
            Db.update(c, "UPDATE account.alert SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?", caller.username(),
                    clock.now(), alertId);
            journal.append(c, new JournalDraft(a.agencyId() == null ? Ids.NO_AGENCY : a.agencyId(), caller.username(),
                    "account.alert-acknowledged", alertId.toString(), Map.of("kind", a.kind())));
            return Db.one(c, "SELECT * FROM account.alert WHERE id = ?", AccountService::alert, alertId).orElseThrow();
        });
    }

    private static int size(int size) {
        if (size == 0) {
            return 50;
        }
        if (size < 1 || size > MAX_PAGE) {
            throw Check.invalid("size", "phải từ 1 đến " + MAX_PAGE, "must be 1 to " + MAX_PAGE);
        }
        return size;
    }

    private static int page(int page) {
        if (page == 0) {
            return 1;
        }
        if (page < 1 || page > 100_000) {
            throw Check.invalid("page", "phải từ 1", "must be 1 or more");
        }
        return page;
    }
}
