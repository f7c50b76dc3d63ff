package vn.chidao.account.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.api.Agency;
import vn.chidao.account.api.AgencyAdministration;
import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.account.api.AgencyDraft;
import vn.chidao.account.api.Level;
import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.ProblemException;

/**
 * The agency tree. Merges and splits never rewrite history: the old agencies end, keep their id and
 * name, and point at their successors through {@code agency_succession}.
 */
@Component(service = {AgencyDirectory.class, AgencyAdministration.class, AgencyService.class})
public class AgencyService implements AgencyDirectory, AgencyAdministration {

    static final String COLUMNS = "a.id, a.code, a.name, a.short_name, a.level, a.parent_id, a.organ_id,"
            + " a.active_from, a.active_to,"
            + " ARRAY(SELECT predecessor FROM account.agency_succession WHERE successor = a.id ORDER BY predecessor) AS preds,"
            + " ARRAY(SELECT successor FROM account.agency_succession WHERE predecessor = a.id ORDER BY successor) AS succs";

    private final Db db;
    private final ChidaoClock clock;
    private final Journal journal;

    @Activate
    public AgencyService(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                         @Reference ChidaoClock clock, @Reference Journal journal,
                         @Reference(target = "(chidao.schema=account)") SchemaReady schema,
                         @Reference Bootstrap bootstrap) {
        // published after the first start's seed, so modules reading the directory see the whole tree
        this.db = new Db(dataSource);
        this.clock = clock;
        this.journal = journal;
    }

    static Agency agency(ResultSet rs) throws SQLException {
        return new Agency(Db.uuid(rs, "id"), rs.getString("code"), rs.getString("name"), rs.getString("short_name"),
                rs.getString("level"), Db.uuid(rs, "parent_id"), rs.getString("organ_id"), Db.date(rs, "active_from"),
                Db.date(rs, "active_to"), uuids(rs, "preds"), uuids(rs, "succs"));
    }

    private static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
        Object[] a = (Object[]) rs.getArray(column).getArray();
        List<UUID> out = new ArrayList<>();
        for (Object o : a) {
            out.add((UUID) o);
        }
        return out;
    }

    @Override
    public Optional<Agency> find(UUID id) {
        return db.read(c -> find(c, id));
    }

    static Optional<Agency> find(Connection c, UUID id) throws SQLException {
        return Db.one(c, "SELECT " + COLUMNS + " FROM account.agency a WHERE a.id = ?", AgencyService::agency, id);
    }

    @Override
    public List<Agency> list(boolean includeEnded) {
        // depth-first order by a path of names in Vietnamese collation: parents before their children
        return db.read(c -> Db.list(c, "WITH RECURSIVE t(id, path) AS ("
                + " SELECT id, ARRAY[name COLLATE platform.vi] FROM account.agency WHERE parent_id IS NULL"
                + " UNION ALL SELECT a.id, t.path || (a.name COLLATE platform.vi) FROM account.agency a JOIN t ON a.parent_id = t.id)"
                + " SELECT " + COLUMNS + " FROM account.agency a JOIN t ON t.id = a.id"
                + (includeEnded ? "" : " WHERE a.active_to IS NULL") + " ORDER BY t.path", AgencyService::agency));
    }

    @Override
    public List<Level> levels() {
        return db.read(c -> Db.list(c, "SELECT code, name, rank FROM account.level ORDER BY rank",
                rs -> new Level(rs.getString(1), rs.getString(2), rs.getInt(3))));
    }

    @Override
    public Level addLevel(Caller caller, Level level) {
        requireSystemAdmin(caller);
        Check.present(level, "level");
        String code = Check.text(level.code(), "code", 30, true);
        if (!code.matches("^[a-z][a-z0-9-]{0,29}$")) {
            throw Check.invalid("code", "chỉ gồm chữ thường không dấu, số và '-'", "takes lower-case letters, digits and '-'");
        }
        String name = Check.text(level.name(), "name", 100, true);
        if (level.rank() < 1 || level.rank() > 100) {
            throw Check.invalid("rank", "phải từ 1 đến 100", "must be 1 to 100");
        }
        return db.tx(c -> {
            if (Db.one(c, "SELECT 1 FROM account.level WHERE code = ? OR rank = ?", rs -> 1, code, level.rank()).isPresent()) {
                throw ProblemException.conflict("duplicate-level", "Đã có cấp với mã hoặc thứ bậc này.",
                        "A level with this code or rank exists.");
            }
            Db.update(c, "INSERT INTO account.level (code, name, rank) VALUES (?,?,?)", code, name, level.rank());
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, caller.username(), "account.level-added", code,
                    Map.of("name", name, "rank", level.rank())));
            return new Level(code, name, level.rank());
        });
    }

    @Override
    public Agency create(Caller caller, AgencyDraft draft) {
        requireSystemAdmin(caller);
        AgencyDraft d = validate(draft, true);
        return db.tx(c -> {
            UUID id = insert(c, d, caller);
            return find(c, id).orElseThrow();
        });
    }

    private UUID insert(Connection c, AgencyDraft d, Caller caller) throws SQLException {
        int rank = levelRank(c, d.level());
        if (d.parentId() != null) {
            Agency parent = find(c, d.parentId()).filter(Agency::active)
                    .orElseThrow(() -> Check.notFound("cơ quan cấp trên đang hoạt động", "active parent agency"));
            if (rank < levelRank(c, parent.level())) {
                throw ProblemException.badRequest("level-above-parent", "Cấp của cơ quan không được cao hơn cấp của cơ quan cấp trên.",
                        "An agency cannot be of a higher level than its parent.");
            }
        }
        requireFreeOrganId(c, d.organId(), null);
        UUID id = Ids.newId();
        Instant now = clock.now();
        Db.update(c, "INSERT INTO account.agency (id, code, name, short_name, level, parent_id, organ_id, active_from,"
                + " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", id, d.code(), d.name(), d.shortName(), d.level(),
                d.parentId(), d.organId(), clock.today(), now, now);
        journal.append(c, new JournalDraft(id, caller.username(), "account.agency-created", id.toString(), describe(d)));
        return id;
    }

    private static Map<String, Object> describe(AgencyDraft d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", d.code());
        m.put("name", d.name());
        m.put("shortName", d.shortName());
        m.put("level", d.level());
        m.put("parentId", d.parentId() == null ? null : d.parentId().toString());
        m.put("organId", d.organId());
        return m;
    }

    @Override
    public Agency update(Caller caller, UUID id, AgencyDraft draft) {
        requireSystemAdmin(caller);
        AgencyDraft d = validate(draft, false);
        return db.tx(c -> {
            Agency a = lockActive(c, id);
            requireFreeOrganId(c, d.organId(), id);
            Db.update(c, "UPDATE account.agency SET code = ?, name = ?, short_name = ?, organ_id = ?, updated_at = ?"
                    + " WHERE id = ?", d.code(), d.name(), d.shortName(), d.organId(), clock.now(), id);
            Map<String, Object> p = describe(d);
            p.put("previousName", a.name());
            p.put("previousCode", a.code());
            journal.append(c, new JournalDraft(id, caller.username(), "account.agency-renamed", id.toString(), p));
            return find(c, id).orElseThrow();
        });
    }

    @Override
    public Agency move(Caller caller, UUID id, UUID newParentId) {
        requireSystemAdmin(caller);
        Check.present(newParentId, "parentId");
        return db.tx(c -> {
            Agency a = lockActive(c, id);
            Agency parent = find(c, newParentId).filter(Agency::active)
                    .orElseThrow(() -> Check.notFound("cơ quan cấp trên đang hoạt động", "active parent agency"));
            if (subtree(c, id).contains(newParentId)) {
                throw ProblemException.badRequest("cycle", "Không thể chuyển một cơ quan vào chính nó hoặc cơ quan cấp dưới của nó.",
                        "An agency cannot move under itself or one of its sub-agencies.");
            }
            if (levelRank(c, a.level()) < levelRank(c, parent.level())) {
                throw ProblemException.badRequest("level-above-parent", "Cấp của cơ quan không được cao hơn cấp của cơ quan cấp trên.",
                        "An agency cannot be of a higher level than its parent.");
            }
            Db.update(c, "UPDATE account.agency SET parent_id = ?, updated_at = ? WHERE id = ?", newParentId, clock.now(), id);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("from", a.parentId() == null ? null : a.parentId().toString());
            p.put("to", newParentId.toString());
            journal.append(c, new JournalDraft(id, caller.username(), "account.agency-moved", id.toString(), p));
            return find(c, id).orElseThrow();
        });
    }

    @Override
    public Agency merge(Caller caller, List<UUID> sources, UUID targetId, AgencyDraft into) {
        requireSystemAdmin(caller);
        Check.present(sources, "sources");
        Set<UUID> distinct = new LinkedHashSet<>(sources);
        if (distinct.contains(null)) {
            throw Check.invalid("sources", "chứa giá trị rỗng", "contains null");
        }
        if ((targetId == null) == (into == null)) {
            throw ProblemException.badRequest("merge-target", "Cần đúng một trong hai: cơ quan đích (targetId) hoặc cơ quan mới (into).",
                    "Give exactly one of targetId (existing agency) or into (new agency).");
        }
        if (targetId != null && distinct.contains(targetId)) {
            throw ProblemException.badRequest("merge-into-itself", "Không thể hợp nhất một cơ quan vào chính nó.",
                    "An agency cannot be merged into itself.");
        }
        if (distinct.size() != sources.size() || distinct.size() < (targetId != null ? 1 : 2)) {
            throw ProblemException.badRequest("merge-sources", "Cần các cơ quan nguồn khác nhau (ít nhất hai khi tạo cơ quan mới).",
                    "Give distinct source agencies (at least two when creating a new one).");
        }
        AgencyDraft d = into == null ? null : validate(into, true);
        return db.tx(c -> {
            List<Agency> from = new ArrayList<>();
            for (UUID s : distinct) {
                from.add(lockActive(c, s));
            }
            UUID target;
            if (targetId != null) {
                lockActive(c, targetId);
                for (UUID s : distinct) {
                    if (subtree(c, s).contains(targetId)) {
                        throw ProblemException.badRequest("cycle", "Không thể hợp nhất một cơ quan vào cơ quan cấp dưới của nó.",
                                "An agency cannot be merged into one of its sub-agencies.");
                    }
                }
                target = targetId;
            } else {
                target = insert(c, d, caller);
            }
            LocalDate today = clock.today();
            Instant now = clock.now();
            for (Agency a : from) {
                Db.update(c, "UPDATE account.agency SET active_to = ?, updated_at = ? WHERE id = ?", today, now, a.id());
                Db.update(c, "INSERT INTO account.agency_succession (predecessor, successor, kind, effective) VALUES (?,?,?,?)",
                        a.id(), target, "merge", today);
                Db.update(c, "UPDATE account.agency SET parent_id = ?, updated_at = ? WHERE parent_id = ? AND active_to IS NULL",
                        target, now, a.id());
                // people keep working: their current grants end here and continue in the merged agency
                Db.update(c, "INSERT INTO account.role_grant (id, person_id, agency_id, role, valid_from, valid_to, reason,"
                        + " granted_by, granted_at) SELECT gen_random_uuid(), person_id, ?, role, ?, valid_to, ?, ?, ?"
                        + " FROM account.role_grant g WHERE agency_id = ? AND revoked_at IS NULL"
                        + " AND (valid_to IS NULL OR valid_to > ?) AND NOT EXISTS (SELECT 1 FROM account.role_grant x"
                        + " WHERE x.person_id = g.person_id AND x.agency_id = ? AND x.role = g.role AND x.revoked_at IS NULL"
                        + " AND (x.valid_to IS NULL OR x.valid_to > ?))",
                        target, now, "Hợp nhất từ " + a.name(), caller.username(), now, a.id(), now, target, now);
                Db.update(c, "UPDATE account.role_grant SET revoked_at = ?, revoked_by = ? WHERE agency_id = ?"
                        + " AND revoked_at IS NULL", now, caller.username(), a.id());
                // only sessions whose person's grant continues there follow; the others end with the agency
                Db.update(c, "UPDATE account.session s SET agency_id = ? WHERE s.agency_id = ? AND s.revoked_at IS NULL"
                        + " AND EXISTS (SELECT 1 FROM account.role_grant g WHERE g.person_id = s.person_id AND g.agency_id = ?"
                        + " AND g.revoked_at IS NULL AND (g.valid_to IS NULL OR g.valid_to > ?))", target, a.id(), target, now);
                journal.append(c, new JournalDraft(a.id(), caller.username(), "account.agency-merged", a.id().toString(),
                        Map.of("into", target.toString())));
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("sources", distinct.stream().map(UUID::toString).toList());
            journal.append(c, new JournalDraft(target, caller.username(), "account.agency-merge-received", target.toString(), p));
            AccountService.alert(c, target, "agency-merged", null, "Hợp nhất " + from.stream().map(Agency::name).toList()
                    + " vào cơ quan này; quyền của cán bộ được chuyển theo.", caller.username(), now);
            return find(c, target).orElseThrow();
        });
    }

    @Override
    public List<Agency> split(Caller caller, UUID source, List<AgencyDraft> parts) {
        requireSystemAdmin(caller);
        Check.present(parts, "parts");
        if (parts.size() < 2) {
            throw ProblemException.badRequest("split-parts", "Cần ít nhất hai cơ quan mới khi chia tách.",
                    "A split needs at least two new agencies.");
        }
        return db.tx(c -> {
            Agency a = lockActive(c, source);
            if (Db.one(c, "SELECT 1 FROM account.agency WHERE parent_id = ? AND active_to IS NULL", rs -> 1, source).isPresent()) {
                throw ProblemException.conflict("has-sub-agencies", "Cơ quan còn cơ quan cấp dưới: hãy chuyển chúng trước khi chia tách.",
                        "The agency still has sub-agencies: move them before splitting it.");
            }
            LocalDate today = clock.today();
            Instant now = clock.now();
            List<Agency> made = new ArrayList<>();
            for (AgencyDraft part : parts) {
                AgencyDraft p = Check.present(part, "parts[]");
                AgencyDraft d = validate(new AgencyDraft(p.code(), p.name(), p.shortName(),
                        p.level() == null ? a.level() : p.level(), p.parentId() == null ? a.parentId() : p.parentId(),
                        p.organId()), true);
                UUID id = insert(c, d, caller);
                Db.update(c, "INSERT INTO account.agency_succession (predecessor, successor, kind, effective) VALUES (?,?,?,?)",
                        source, id, "split", today);
                made.add(find(c, id).orElseThrow());
            }
            Db.update(c, "UPDATE account.agency SET active_to = ?, updated_at = ? WHERE id = ?", today, now, source);
            Db.update(c, "UPDATE account.role_grant SET revoked_at = ?, revoked_by = ? WHERE agency_id = ? AND revoked_at IS NULL",
                    now, caller.username(), source);
            Db.update(c, "UPDATE account.session SET revoked_at = ?, revoked_reason = 'agency-split' WHERE agency_id = ?"
                    + " AND revoked_at IS NULL", now, source);
            journal.append(c, new JournalDraft(source, caller.username(), "account.agency-split", source.toString(),
                    Map.of("into", made.stream().map(x -> x.id().toString()).toList())));
            for (Agency m : made) {
                AccountService.alert(c, m.id(), "agency-split", null, "Cơ quan được tách từ " + a.name()
                        + "; cần cấp lại quyền cho cán bộ.", caller.username(), now);
            }
            return made;
        });
    }

    /** The agency and every agency below it, ended ones included. */
    static Set<UUID> subtree(Connection c, UUID root) throws SQLException {
        return new LinkedHashSet<>(Db.list(c, "WITH RECURSIVE t(id) AS (SELECT ?::uuid UNION"
                + " SELECT a.id FROM account.agency a JOIN t ON a.parent_id = t.id) SELECT id FROM t", rs -> Db.uuid(rs, "id"), root));
    }

    /** The agency and every agency it succeeded, transitively: their history is its history. */
    static Set<UUID> withPredecessors(Connection c, Set<UUID> agencies) throws SQLException {
        if (agencies.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Db.list(c, "WITH RECURSIVE t(id) AS (SELECT unnest(?::uuid[]) UNION"
                + " SELECT s.predecessor FROM account.agency_succession s JOIN t ON s.successor = t.id) SELECT id FROM t",
                rs -> Db.uuid(rs, "id"), c.createArrayOf("uuid", agencies.toArray())));
    }

    private Agency lockActive(Connection c, UUID id) throws SQLException {
        Check.present(id, "id");
        Db.one(c, "SELECT id FROM account.agency WHERE id = ? FOR UPDATE", rs -> 1, id)
                .orElseThrow(() -> Check.notFound("cơ quan", "agency"));
        Agency a = find(c, id).orElseThrow();
        if (!a.active()) {
            throw ProblemException.conflict("agency-ended", "Cơ quan '" + a.name() + "' đã kết thúc hoạt động.",
                    "The agency has ended.");
        }
        return a;
    }

    private static int levelRank(Connection c, String level) throws SQLException {
        return Db.one(c, "SELECT rank FROM account.level WHERE code = ?", rs -> rs.getInt(1), level)
                .orElseThrow(() -> Check.invalid("level", "không có trong danh mục cấp", "is not a known level"));
    }

    private static void requireFreeOrganId(Connection c, String organId, UUID self) throws SQLException {
        if (organId != null && Db.one(c, "SELECT 1 FROM account.agency WHERE organ_id = ? AND active_to IS NULL AND id <> ?",
                rs -> 1, organId, self == null ? new UUID(0, 0) : self).isPresent()) {
            throw ProblemException.conflict("duplicate-organ-id", "Mã định danh cơ quan (OrganId) đã được dùng.",
                    "The organ id is in use by another agency.");
        }
    }

    private static AgencyDraft validate(AgencyDraft d, boolean full) {
        Check.present(d, "agency");
        String code = Check.text(d.code(), "code", 20, true);
        if (code.contains("/") || code.contains(" ")) {
            throw Check.invalid("code", "không được chứa '/' hay dấu cách (dùng trong số ký hiệu)",
                    "may not contain '/' or spaces (it is part of document numbers)");
        }
        return new AgencyDraft(code, Check.text(d.name(), "name", 300, true), Check.text(d.shortName(), "shortName", 100, false),
                full ? Check.text(d.level(), "level", 30, true) : null, d.parentId(),
                Check.matching(d.organId(), "organId", Formats.ORGAN_ID, false));
    }

    static void requireSystemAdmin(Caller caller) {
        if (!caller.hasRole(Roles.SYSTEM_ADMIN)) {
            throw ProblemException.forbidden();
        }
    }
}
