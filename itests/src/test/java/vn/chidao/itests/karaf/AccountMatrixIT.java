package vn.chidao.itests.karaf;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static vn.chidao.itests.karaf.AccountMatrixIT.Expect.ALLOWED;
import static vn.chidao.itests.karaf.AccountMatrixIT.Expect.FORBIDDEN;
import static vn.chidao.itests.karaf.AccountMatrixIT.Expect.NOT_FOUND;
import static vn.chidao.itests.karaf.AccountMatrixIT.Rule.ACTING_AGENCY;
import static vn.chidao.itests.karaf.AccountMatrixIT.Rule.OWN_AGENCY;
import static vn.chidao.itests.karaf.AccountMatrixIT.Rule.PERSON;
import static vn.chidao.itests.karaf.AccountMatrixIT.Rule.PUBLIC_DATA;
import static vn.chidao.itests.karaf.AccountMatrixIT.Rule.PUBLIC_NO_CREDENTIALS;
import static vn.chidao.itests.karaf.AccountMatrixIT.Rule.ROLES_ONLY;
import static vn.chidao.itests.karaf.AccountMatrixIT.Rule.SELF_NOT_EXERCISED;
import static vn.chidao.itests.karaf.AccountMatrixIT.Where.FOREIGN;
import static vn.chidao.itests.karaf.AccountMatrixIT.Where.NONE;
import static vn.chidao.itests.karaf.AccountMatrixIT.Where.OWN;
import static vn.chidao.itests.karaf.AccountMatrixIT.Where.RANDOM;
import static vn.chidao.itests.karaf.AccountMatrixIT.Where.SELF;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.Http;

/**
 * The account API's authorization matrix. Every operation under /api/v1/account is in {@link #TABLE}
 * with the roles it declares and the rule it follows; the table is checked against the live OpenAPI
 * document (an operation missing from it, or declared with other roles, fails), then every operation
 * is called as every role, from the caller's own agency and from a foreign one, and must answer
 * exactly as the rule says: allowed (2xx, or a 409 that says "done already"), 403 or 404. Nothing of
 * another agency leaks, not even by existence: a foreign id answers the very same 404 body as a random
 * one, and the lists of one agency hold no id or username of another.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class AccountMatrixIT extends ChidaoTestSupport {

    static final String BASE = "/api/v1/account";
    static final String SA = "system-admin";
    static final String AA = "agency-admin";
    static final String LEADER = "leader";
    static final String CLERK = "clerk";
    static final String SPECIALIST = "specialist";
    static final List<String> AGENCY_ROLES = List.of(CLERK, LEADER, SPECIALIST, AA);
    /** 409 kinds meaning "done already" by an earlier allowed call: the call was not refused. */
    static final Set<String> REPEATS = Set.of("already-decided", "already-revoked", "already-acknowledged", "duplicate-level");

    enum Expect { ALLOWED, FORBIDDEN, NOT_FOUND }

    /** What a call aims at: nothing, the caller's own agency, a foreign agency, the caller themselves, a random id. */
    enum Where { NONE, OWN, FOREIGN, SELF, RANDOM }

    /**
     * How an operation decides. Who passes the platform's role filter comes from the operation's
     * declared roles (none declared: every signed-in person; system-admin passes every check).
     */
    enum Rule {
        /** Data of the agency tree, for every signed-in role, whatever agency it is about. */
        PUBLIC_DATA,
        /** The role filter decides alone: the caller's own lists, self-service, system-admin-only operations. */
        ROLES_ONLY,
        /** Past the filter, only the caller's acting agency exists: a foreign one answers 404 (system-admin: all). */
        OWN_AGENCY,
        /** A person: themselves, or for their agency's leaders and administrators; anybody else gets 404. */
        PERSON,
        /** The acting agency: only one where the caller holds a current grant (a system-admin holds none: 404). */
        ACTING_AGENCY,
        /** Self-service that would spoil the fixture's sessions: declared, checked against OpenAPI and without credentials only. */
        SELF_NOT_EXERCISED,
        /** {@code @PermitAll} token endpoints: without credentials a 400/401 problem, never 2xx. */
        PUBLIC_NO_CREDENTIALS
    }

    /** Sends one call of an operation. */
    @FunctionalInterface
    interface Send {
        Http.Res send(Call c) throws IOException;
    }

    /** One row of the table: method, path under /api/v1/account, declared roles, rule, targets, how to call it. */
    record Op(String method, String path, Set<String> roles, Rule rule, List<Where> targets, Send send, String note) {
        String key() {
            return method + " " + path;
        }

        /** As OpenAPI says it: "public" (security: []), the x-roles, or "signed-in" (neither). */
        String access() {
            return rule == PUBLIC_NO_CREDENTIALS ? "public" : roles.isEmpty() ? "signed-in" : String.join(",", new TreeSet<>(roles));
        }
    }

    static final List<Where> NO_TARGET = List.of(NONE);
    static final List<Where> AGENCY = List.of(OWN, FOREIGN);
    static final List<Where> PERSON_OR_SELF = List.of(OWN, FOREIGN, SELF);

    static Op op(String method, String path, String roles, Rule rule, List<Where> targets, Send send) {
        return op(method, path, roles, rule, targets, send, "");
    }

    static Op op(String method, String path, String roles, Rule rule, List<Where> targets, Send send, String note) {
        Set<String> r = roles.isEmpty() ? Set.of() : Set.of(roles.split(","));
        return new Op(method, path, r, rule, targets, send, note);
    }

    static final String REASON = "{\"reason\":\"kiểm thử\"}";
    static final String NOTE = "{\"note\":\"đồng ý\"}";

    /** Every account operation and its rule: the behaviour as implemented by AccountService and AgencyService. */
    static final List<Op> TABLE = List.of(
            // the agency tree and its levels are public data for every signed-in person
            op("GET", "/levels", "", PUBLIC_DATA, NO_TARGET, c -> c.get("/levels")),
            op("GET", "/agencies", "", PUBLIC_DATA, NO_TARGET, c -> c.get("/agencies?includeEnded=true")),
            op("GET", "/agencies/{id}", "", PUBLIC_DATA, AGENCY, c -> c.get("/agencies/" + c.agency())),

            // system administrators only; everybody else 403. The system-admin's allowed call changes
            // throw-away agencies (made fresh per call), never the fixture's agencies.
            op("POST", "/levels", SA, ROLES_ONLY, NO_TARGET, c -> c.post("/levels", json("code", "mt-" + c.tag(),
                    "name", "Cấp thử nghiệm ma trận", "rank", ThreadLocalRandom.current().nextInt(10, 100)))),
            op("POST", "/agencies", SA, ROLES_ONLY, NO_TARGET, c -> c.post("/agencies", json("code", "MT",
                    "name", "Cơ quan Ma trận Mới " + c.tag(), "level", "province"))),
            op("PUT", "/agencies/{id}", SA, ROLES_ONLY, AGENCY, c -> c.put("/agencies/" + c.treeAgency(), json("code", "MT",
                    "name", "Cơ quan Ma trận Đổi tên " + c.tag()))),
            op("POST", "/agencies/{id}/move", SA, ROLES_ONLY, AGENCY, c -> c.post("/agencies/" + c.treeAgency() + "/move",
                    json("parentId", c.treeOther()))),
            op("POST", "/agencies/merge", SA, ROLES_ONLY, AGENCY, c -> c.post("/agencies/merge",
                    json("sources", List.of(c.treeAgency()), "targetId", c.treeOther()))),
            op("POST", "/agencies/{id}/split", SA, ROLES_ONLY, AGENCY, c -> c.post("/agencies/" + c.treeAgency() + "/split",
                    json("parts", List.of(Map.of("code", "MTA", "name", "Phần A " + c.tag()),
                            Map.of("code", "MTB", "name", "Phần B " + c.tag()))))),
            op("POST", "/users", SA, ROLES_ONLY, AGENCY, c -> c.post("/users", json(
                    "user", Map.of("username", c.unique("moi"), "fullName", "Người Mới Ma Trận"),
                    "grants", List.of(Map.of("agencyId", c.agency(), "role", CLERK))))),
            op("POST", "/grants", SA, ROLES_ONLY, AGENCY, c -> c.post("/grants", json("userId", c.person(),
                    "agencyId", c.agency(), "role", SPECIALIST, "reason", "kiểm thử"))),
            op("POST", "/users/{id}/reset-totp", SA, ROLES_ONLY, AGENCY, c -> c.post("/users/" + c.person() + "/reset-totp", "{}")),

            // the people of an agency: its leaders and administrators; another agency's are not even an empty list
            op("GET", "/agencies/{id}/users", AA + "," + LEADER, OWN_AGENCY, AGENCY,
                    c -> c.get("/agencies/" + c.agency() + "/users?size=200")),

            // a person: themselves, their agency's leaders and administrators, system administrators
            op("GET", "/users/{id}", "", PERSON, PERSON_OR_SELF, c -> c.get("/users/" + c.person())),
            op("GET", "/users/{id}/grants", "", PERSON, PERSON_OR_SELF, c -> c.get("/users/" + c.person() + "/grants")),

            // administering people and grants: the agency's own administrator
            op("PUT", "/users/{id}", AA, OWN_AGENCY, AGENCY, c -> c.put("/users/" + c.person(),
                    json("fullName", "Tên Mới", "position", "Văn thư"))),
            op("POST", "/users/{id}/lock", AA, OWN_AGENCY, AGENCY, c -> c.post("/users/" + c.person() + "/lock", REASON)),
            op("POST", "/users/{id}/unlock", AA, OWN_AGENCY, AGENCY, c -> c.post("/users/" + c.person() + "/unlock", "{}")),
            op("POST", "/users/{id}/reset-password", AA, OWN_AGENCY, AGENCY,
                    c -> c.post("/users/" + c.person() + "/reset-password", "{}")),
            op("POST", "/grants/{id}/revoke", AA, OWN_AGENCY, AGENCY, c -> c.post("/grants/" + c.grant() + "/revoke", REASON)),

            // account requests: the administrator proposes, the leader decides; each sees their agency's only
            op("GET", "/requests", AA + "," + LEADER, ROLES_ONLY, NO_TARGET, c -> c.get("/requests?size=200"),
                    "the list holds the acting agency's requests only: checked by the leak test"),
            op("POST", "/requests", AA, OWN_AGENCY, AGENCY, c -> c.post("/requests", json("kind", "create-account",
                    "agencyId", c.agency(), "user", Map.of("username", c.unique("denghi"), "fullName", "Người Đề Nghị"),
                    "roles", List.of(CLERK)))),
            op("POST", "/requests/{id}/approve", LEADER, OWN_AGENCY, AGENCY,
                    c -> c.post("/requests/" + c.request() + "/approve", NOTE)),
            op("POST", "/requests/{id}/reject", LEADER, OWN_AGENCY, AGENCY,
                    c -> c.post("/requests/" + c.request() + "/reject", NOTE)),
            op("POST", "/requests/{id}/one-time-password", AA, SELF_NOT_EXERCISED, NO_TARGET,
                    c -> c.post("/requests/" + c.request() + "/one-time-password", "{}"),
                    "the proposer only, once: who may receive it is tested by AccountSecurityIT"),

            // access-right alerts: the agency's leader
            op("GET", "/alerts", LEADER, ROLES_ONLY, NO_TARGET, c -> c.get("/alerts?size=200"),
                    "the list holds the acting agency's alerts only: checked by the leak test"),
            op("POST", "/alerts/{id}/acknowledge", LEADER, OWN_AGENCY, AGENCY,
                    c -> c.post("/alerts/" + c.alert() + "/acknowledge", "{}")),

            // the caller's own account
            op("GET", "/me", "", ROLES_ONLY, NO_TARGET, c -> c.get("/me")),
            op("PUT", "/me", "", ROLES_ONLY, NO_TARGET, c -> c.put("/me", json("fullName", "Nguyễn Văn Thử Ma Trận",
                    "position", "Chuyên viên"))),
            op("POST", "/me/agency", "", ACTING_AGENCY, AGENCY, c -> c.post("/me/agency", json("agencyId", c.agency()))),
            op("POST", "/me/password", "", SELF_NOT_EXERCISED, NO_TARGET, c -> c.post("/me/password", "{}"),
                    "self, not exercised: a change revokes the caller's sessions"),
            op("POST", "/me/totp", "", SELF_NOT_EXERCISED, NO_TARGET, c -> c.post("/me/totp", "{}"),
                    "self, not exercised: starts an enrolment (administrators hold one already: 409)"),
            op("POST", "/me/totp/confirm", "", SELF_NOT_EXERCISED, NO_TARGET, c -> c.post("/me/totp/confirm", "{}"),
                    "self, not exercised: needs a pending enrolment and a code from its secret"),
            op("POST", "/logout", "", SELF_NOT_EXERCISED, NO_TARGET, c -> c.post("/logout", "{}"),
                    "self, not exercised: ends the caller's session"),

            // tokens for other systems: open, but never an answer without credentials
            op("POST", "/login", "", PUBLIC_NO_CREDENTIALS, NO_TARGET, c -> c.post("/login", "{}")),
            op("POST", "/refresh", "", PUBLIC_NO_CREDENTIALS, NO_TARGET, c -> c.post("/refresh", "{}")));

    /** What the rule says for this role aiming there (RANDOM: as for a foreign target). */
    static Expect expect(Op op, String role, Where where) {
        boolean sa = SA.equals(role);
        boolean passes = op.roles().isEmpty() || sa || op.roles().contains(role);
        boolean overseer = LEADER.equals(role) || AA.equals(role);
        Where w = where == RANDOM ? FOREIGN : where;
        return switch (op.rule()) {
            case PUBLIC_DATA -> ALLOWED;
            case ROLES_ONLY -> passes ? ALLOWED : FORBIDDEN;
            case OWN_AGENCY -> !passes ? FORBIDDEN : sa || w == OWN ? ALLOWED : NOT_FOUND;
            case PERSON -> sa || w == SELF || (w == OWN && overseer) ? ALLOWED : NOT_FOUND;
            case ACTING_AGENCY -> !sa && w == OWN ? ALLOWED : NOT_FOUND;
            default -> throw new IllegalStateException("not called with credentials: " + op.key());
        };
    }

    // --- fixture: two agencies, every role in each, targets to act on ---------------------------------

    /** Ids that mutating calls use up; an allowed (2xx) call moves to the next one, the last is reused (then 409). */
    static final class Pool {
        final String what;
        final List<UUID> ids;
        int next;

        Pool(String what, List<UUID> ids) {
            assertTrue("fixture: no " + what, !ids.isEmpty());
            this.what = what;
            this.ids = ids;
        }

        UUID current() {
            return ids.get(Math.min(next, ids.size() - 1));
        }
    }

    /** One agency of the fixture with its people and targets. */
    static final class Side {
        final String name;
        UUID agency;
        final Map<String, AccountFixture.Person> people = new LinkedHashMap<>();
        UUID target;
        String targetUsername;
        UUID grantee;
        final List<String> requestUsernames = new ArrayList<>();
        Pool requests;
        Pool grants;
        Pool alerts;

        Side(String name) {
            this.name = name;
        }
    }

    /** A caller: a role of one agency (the system-admin has none: home X only names its targets), or anonymous. */
    record Caller(String role, Side home, UUID id, String token) {
        String label() {
            return token == null ? "anonymous" : SA.equals(role) ? SA : role + "@" + home.name;
        }
    }

    private static AccountFixture fx;
    private static Side sideX;
    private static Side sideY;
    private static AccountFixture.Person system;

    static Side other(Side s) {
        return s == sideX ? sideY : sideX;
    }

    private synchronized void fixture() throws IOException {
        if (fx != null) {
            return;
        }
        AccountFixture f = new AccountFixture(this);
        Side x = side(f, "X");
        Side y = side(f, "Y");
        system = f.person("hethong", null, SA);
        // granting roles raised alerts in each agency; its leader lists them
        for (Side s : List.of(x, y)) {
            JsonNode open = f.ok(200, http.get(BASE + "/alerts?size=200", s.people.get(LEADER).token()));
            List<UUID> ids = new ArrayList<>();
            open.path("items").forEach(a -> ids.add(UUID.fromString(a.path("id").asText())));
            s.alerts = new Pool("open alert of " + s.name, ids);
            assertTrue("fixture: alerts of " + s.name + " " + ids, ids.size() >= 3);
        }
        sideX = x;
        sideY = y;
        fx = f;
    }

    private Side side(AccountFixture f, String name) throws IOException {
        Side s = new Side(name);
        s.agency = f.agency("Cơ quan Ma trận " + name, null, "province");
        Map<String, String> prefixes = Map.of(CLERK, "vanthu", LEADER, "lanhdao", SPECIALIST, "chuyenvien", AA, "quantri");
        for (String role : AGENCY_ROLES) {
            s.people.put(role, f.person(prefixes.get(role), s.agency, role));
        }
        // a plain clerk to read, lock, unlock, reset and update; ordinary staff whose grants get revoked
        // (an agency administrator may not revoke a leader's or an administrator's grant)
        s.targetUsername = f.unique("muctieu");
        s.target = newUser(f, s.targetUsername, s.agency, CLERK);
        List<UUID> grants = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            s.grantee = newUser(f, f.unique("duoccap"), s.agency, CLERK, SPECIALIST);
            f.ok(200, http.get(BASE + "/users/" + s.grantee + "/grants", f.admin()))
                    .forEach(g -> grants.add(UUID.fromString(g.path("id").asText())));
        }
        s.grants = new Pool("grant in " + name, grants);
        // pending requests proposed by the agency's administrator: approve and reject use them up
        List<UUID> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String username = f.unique("denghi");
            JsonNode r = f.ok(201, http.postJson(BASE + "/requests", json("kind", "create-account", "agencyId", s.agency,
                    "user", Map.of("username", username, "fullName", "Người Được Đề Nghị"), "roles", List.of(CLERK)),
                    s.people.get(AA).token()));
            requests.add(UUID.fromString(r.path("id").asText()));
            s.requestUsernames.add(username);
        }
        s.requests = new Pool("pending request of " + name, requests);
        return s;
    }

    private UUID newUser(AccountFixture f, String username, UUID agency, String... roles) throws IOException {
        List<Map<String, Object>> grants = new ArrayList<>();
        for (String role : roles) {
            grants.add(Map.of("agencyId", agency, "role", role));
        }
        JsonNode made = f.ok(201, http.postJson(BASE + "/users", json("user", Map.of("username", username,
                "fullName", "Trần Văn Mục Tiêu", "position", "Văn thư"), "grants", grants), f.admin()));
        return UUID.fromString(made.path("user").path("id").asText());
    }

    private List<Caller> callers() {
        List<Caller> all = new ArrayList<>();
        for (Side s : List.of(sideX, sideY)) {
            for (String role : AGENCY_ROLES) {
                AccountFixture.Person p = s.people.get(role);
                all.add(new Caller(role, s, p.id(), p.token()));
            }
        }
        all.add(new Caller(SA, sideX, system.id(), system.token()));
        return all;
    }

    /** One call: who, aiming where; the ids it needs come from the target side (or are random). */
    final class Call {
        final Caller who;
        final Where where;
        final Side side;
        final UUID random = UUID.randomUUID();
        Pool used;

        Call(Caller who, Where where) {
            this.who = who;
            this.where = where;
            this.side = where == FOREIGN || where == RANDOM ? other(who.home()) : who.home();
        }

        String target() {
            return switch (where) {
                case NONE -> "-";
                case SELF -> "self";
                case RANDOM -> "random id";
                default -> SA.equals(who.role()) || who.token() == null ? side.name : where.name().toLowerCase(Locale.ROOT)
                        + " (" + side.name + ")";
            };
        }

        UUID agency() {
            return where == RANDOM ? random : side.agency;
        }

        UUID person() {
            return where == SELF ? who.id() : where == RANDOM ? random : side.target;
        }

        UUID request() {
            return take(side.requests);
        }

        UUID grant() {
            return take(side.grants);
        }

        UUID alert() {
            return take(side.alerts);
        }

        private UUID take(Pool p) {
            if (where == RANDOM) {
                return random;
            }
            used = p;
            return p.current();
        }

        /** Tree changes: the system-admin's allowed call works on a fresh throw-away agency; others aim at the target and are refused. */
        UUID treeAgency() throws IOException {
            return SA.equals(who.role()) ? fx.agency("Cơ quan Tạm " + tag(), null, "province") : agency();
        }

        UUID treeOther() throws IOException {
            return SA.equals(who.role()) ? fx.agency("Cơ quan Tạm Đích " + tag(), null, "province") : other(side).agency;
        }

        String tag() {
            return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        }

        String unique(String prefix) {
            return fx.unique(prefix);
        }

        Http.Res get(String path) {
            return http.get(BASE + path, who.token());
        }

        Http.Res post(String path, String body) {
            return http.postJson(BASE + path, body, who.token());
        }

        Http.Res put(String path, String body) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            if (who.token() != null) {
                headers.put("Authorization", "Bearer " + who.token());
            }
            return http.send("PUT", BASE + path, body, headers);
        }
    }

    // --- the tests -------------------------------------------------------------------------------------

    @Test(timeout = 60_000)
    public void a1TheTableHoldsEveryAccountOperationOfTheOpenApiDocumentWithItsRoles() throws Exception {
        Http.Res r = http.get("/api/v1/openapi.json", adminToken());
        JsonNode doc = AccountFixture.JSON.readTree(r.body());
        Map<String, String> published = new TreeMap<>();
        doc.path("paths").properties().forEach(p -> {
            if (p.getKey().startsWith(BASE + "/")) {
                p.getValue().properties().forEach(m -> published.put(m.getKey().toUpperCase(Locale.ROOT) + " "
                        + p.getKey().substring(BASE.length()), access(m.getValue())));
            }
        });
        Map<String, String> declared = new TreeMap<>();
        List<String> diffs = new ArrayList<>();
        for (Op op : TABLE) {
            if (declared.put(op.key(), op.access()) != null) {
                diffs.add("twice in the table: " + op.key());
            }
        }
        published.forEach((key, access) -> {
            if (!declared.containsKey(key)) {
                diffs.add("in OpenAPI but not in the table: " + key + " [" + access + "]");
            } else if (!declared.get(key).equals(access)) {
                diffs.add("roles differ for " + key + ": table [" + declared.get(key) + "], OpenAPI [" + access + "]");
            }
        });
        declared.keySet().stream().filter(k -> !published.containsKey(k)).forEach(k -> diffs.add("in the table but not in OpenAPI: " + k));
        assertTrue("no account operations in OpenAPI: " + r.status(), !published.isEmpty());
        if (!diffs.isEmpty()) {
            fail("the matrix table and OpenAPI differ:\n  " + String.join("\n  ", diffs));
        }
    }

    /** An OpenAPI operation's access: "public" (security: []), its x-roles, or "signed-in". */
    static String access(JsonNode operation) {
        if (operation.has("security") && operation.path("security").isArray() && operation.path("security").isEmpty()) {
            return "public";
        }
        if (operation.has("x-roles")) {
            Set<String> roles = new TreeSet<>();
            operation.path("x-roles").forEach(n -> roles.add(n.asText()));
            return String.join(",", roles);
        }
        return "signed-in";
    }

    @Test(timeout = 900_000)
    public void a2EveryOperationAsEveryRoleFromTheOwnAndAForeignAgency() throws Exception {
        fixture();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (Op op : TABLE) {
            if (op.rule() == SELF_NOT_EXERCISED) {
                skipped.add(op.key() + ": " + op.note());
                continue;
            }
            if (op.rule() == PUBLIC_NO_CREDENTIALS) {
                continue; // below, without credentials
            }
            for (Caller who : callers()) {
                for (Where where : op.targets()) {
                    Expect e = expect(op, who.role(), where);
                    Call c = new Call(who, where);
                    Http.Res r = op.send().send(c);
                    counts.merge(e.name(), 1, Integer::sum);
                    if (r.status() / 100 == 2 && c.used != null) {
                        c.used.next++;
                    }
                    String wrong = mismatch(e, r);
                    if (wrong != null) {
                        failures.add(line(op, c, e.name(), r, wrong));
                    }
                    if (e == NOT_FOUND) {
                        // not even by existence: a random id answers the very same 404
                        Call rc = new Call(who, RANDOM);
                        Http.Res rr = op.send().send(rc);
                        counts.merge("NOT_FOUND (random id)", 1, Integer::sum);
                        if (rr.status() != 404 || !sameJson(r.body(), rr.body())) {
                            failures.add(line(op, rc, "the same 404 as for " + c.target() + " (" + abbreviate(r.body()) + ")", rr,
                                    "differs"));
                        }
                    }
                }
            }
        }
        // without credentials: every operation but the open ones answers 401; the open ones never 2xx
        Caller anonymous = new Caller("anonymous", sideX, null, null);
        for (Op op : TABLE) {
            Call c = new Call(anonymous, op.targets().get(0));
            Http.Res r = op.send().send(c);
            if (op.rule() == PUBLIC_NO_CREDENTIALS) {
                counts.merge("400/401 (open, no credentials)", 1, Integer::sum);
                if ((r.status() != 400 && r.status() != 401) || !isProblem(r)) {
                    failures.add(line(op, c, "400/401 problem", r, "open operation answered without credentials"));
                }
            } else {
                counts.merge("401 (no credentials)", 1, Integer::sum);
                if (r.status() != 401 || !"unauthenticated".equals(kind(r))) {
                    failures.add(line(op, c, "401 unauthenticated", r, "not refused without credentials"));
                }
            }
        }
        System.out.println("AccountMatrixIT: " + TABLE.size() + " operations, calls by expectation " + counts
                + "; not exercised with credentials: " + skipped + "; pools used: "
                + List.of(sideX.requests, sideX.grants, sideX.alerts, sideY.requests, sideY.grants, sideY.alerts).stream()
                        .map(p -> p.what + " " + Math.min(p.next, p.ids.size()) + "/" + p.ids.size()).toList());
        if (!failures.isEmpty()) {
            fail(failures.size() + " answers differ from the matrix (method path, caller, target, expected, actual, body):\n  "
                    + String.join("\n  ", failures));
        }
    }

    @Test(timeout = 300_000)
    public void a3NothingOfAnotherAgencyLeaksFromListsOrNotFoundAnswers() throws Exception {
        fixture();
        List<String> failures = new ArrayList<>();
        for (Side own : List.of(sideX, sideY)) {
            Side foreign = other(own);
            Set<String> secrets = secretsOf(foreign);
            for (String role : List.of(LEADER, AA)) {
                String token = own.people.get(role).token();
                String who = role + "@" + own.name;
                List<String> lists = new ArrayList<>(List.of("/requests?size=200", "/agencies/" + own.agency + "/users?size=200"));
                if (role.equals(LEADER)) {
                    lists.add("/alerts?open=false&size=200");
                }
                for (String path : lists) {
                    Http.Res r = http.get(BASE + path, token);
                    if (r.status() != 200) {
                        failures.add(who + " GET " + path + ": " + r.status() + " " + abbreviate(r.body()));
                        continue;
                    }
                    JsonNode items = AccountFixture.json(r).path("items");
                    if (items.isEmpty()) {
                        failures.add(who + " GET " + path + ": an empty list proves nothing");
                    }
                    for (JsonNode item : items) {
                        if (item.has("agencyId") && !item.path("agencyId").asText().equals(own.agency.toString())) {
                            failures.add(who + " GET " + path + ": an item of agency " + item.path("agencyId").asText()
                                    + " in the list of " + own.name + ": " + abbreviate(item.toString()));
                        }
                    }
                    for (String s : secrets) {
                        if (mentions(r.body(), s)) {
                            failures.add(who + " GET " + path + ": mentions " + s + " of agency " + foreign.name);
                        }
                    }
                }
                // mine are there: the checks above are not vacuous
                String users = http.get(BASE + "/agencies/" + own.agency + "/users?size=200", token).body();
                String requests = http.get(BASE + "/requests?size=200&status=pending", token).body();
                if (!mentions(users, own.targetUsername) || !mentions(requests, own.requestUsernames.get(own.requestUsernames.size() - 1))) {
                    failures.add(who + ": the own agency's people or requests are missing from its lists");
                }
                // a foreign id is answered exactly like a random one
                UUID random = UUID.randomUUID();
                for (String[] pair : List.of(
                        new String[] {"/users/" + foreign.target, "/users/" + random},
                        new String[] {"/users/" + foreign.people.get(CLERK).id() + "/grants", "/users/" + random + "/grants"},
                        new String[] {"/agencies/" + foreign.agency + "/users", "/agencies/" + random + "/users"})) {
                    Http.Res f = http.get(BASE + pair[0], token);
                    Http.Res rnd = http.get(BASE + pair[1], token);
                    if (f.status() != 404 || !"not-found".equals(kind(f)) || !sameJson(f.body(), rnd.body())) {
                        failures.add(who + " GET " + pair[0] + ": " + f.status() + " " + abbreviate(f.body()) + " vs random id: "
                                + rnd.status() + " " + abbreviate(rnd.body()));
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " leaks:\n  " + String.join("\n  ", failures));
        }
    }

    /** Every id and username of the agency, as its own leader and administrator see them. */
    private Set<String> secretsOf(Side s) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        out.add(s.agency.toString());
        s.people.values().forEach(p -> {
            out.add(p.id().toString());
            out.add(p.username());
        });
        out.add(s.target.toString());
        out.add(s.targetUsername);
        out.add(s.grantee.toString());
        s.grants.ids.forEach(g -> out.add(g.toString()));
        s.requests.ids.forEach(g -> out.add(g.toString()));
        s.alerts.ids.forEach(g -> out.add(g.toString()));
        out.addAll(s.requestUsernames);
        String admin = s.people.get(AA).token();
        String leader = s.people.get(LEADER).token();
        for (JsonNode u : AccountFixture.json(http.get(BASE + "/agencies/" + s.agency + "/users?size=200", admin)).path("items")) {
            out.add(u.path("id").asText());
            out.add(u.path("username").asText());
        }
        for (JsonNode r : AccountFixture.json(http.get(BASE + "/requests?size=200", leader)).path("items")) {
            out.add(r.path("id").asText());
            out.add(r.path("user").path("username").asText());
            out.add(r.path("userId").asText());
        }
        for (JsonNode a : AccountFixture.json(http.get(BASE + "/alerts?open=false&size=200", leader)).path("items")) {
            out.add(a.path("id").asText());
            out.add(a.path("userId").asText());
        }
        out.removeIf(v -> v == null || v.isBlank() || v.equals("null"));
        return out;
    }

    // --- helpers -------------------------------------------------------------------------------------

    static String json(Object... keyValues) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return AccountFixture.body(m);
    }

    /** Why the answer is not what was expected, or null. */
    static String mismatch(Expect e, Http.Res r) {
        int s = r.status();
        return switch (e) {
            case ALLOWED -> s / 100 == 2 || (s == 409 && REPEATS.contains(kind(r))) ? null
                    : s == 409 ? "a conflict that is not a repeat" : "refused or failed";
            case FORBIDDEN -> s == 403 && isProblem(r) ? null : "not refused with 403";
            case NOT_FOUND -> s == 404 && "not-found".equals(kind(r)) ? null : "not a not-found 404";
        };
    }

    static boolean isProblem(Http.Res r) {
        return r.contentType().startsWith("application/problem+json") && r.body().contains("\"status\":" + r.status());
    }

    /** The kind of a problem answer (urn:chidao:problem:KIND), or null. */
    static String kind(Http.Res r) {
        try {
            String type = AccountFixture.JSON.readTree(r.body()).path("type").asText("");
            return type.startsWith("urn:chidao:problem:") ? type.substring("urn:chidao:problem:".length()) : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    static boolean sameJson(String a, String b) {
        try {
            return AccountFixture.JSON.readTree(a).equals(AccountFixture.JSON.readTree(b));
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    /** Whether the text names the id or username as a whole word (a username inside an alert summary counts). */
    static boolean mentions(String text, String value) {
        return Pattern.compile("(?<![A-Za-z0-9._-])" + Pattern.quote(value) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])").matcher(text).find();
    }

    static String line(Op op, Call c, String expected, Http.Res r, String why) {
        return String.format("%s %s as %s on %s: expected %s, got %d %s (%s)", op.method(), op.path(), c.who.label(),
                c.target(), expected, r.status(), abbreviate(r.body()), why);
    }

    static String abbreviate(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ");
        return b.length() > 240 ? b.substring(0, 240) + "…" : b;
    }
}
