package vn.chidao.itests.karaf;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.ACTING_AGENCY;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.OWN_AGENCY;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.PERSON;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.PUBLIC_DATA;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.PUBLIC_NO_CREDENTIALS;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.ROLES_ONLY;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.SELF_NOT_EXERCISED;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Where.FOREIGN;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Where.OWN;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Where.SELF;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The account API's authorization matrix (see {@link AuthorizationMatrix}): every operation under
 * /api/v1/account, as every role from the own and a foreign agency; the lists of one agency hold no id
 * or username of another.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class AccountMatrixIT extends AuthorizationMatrix<AccountMatrixIT.AccountSide> {

    static final String BASE = "/api/v1/account";
    /** 409 kinds meaning "done already" by an earlier allowed call: the call was not refused. */
    static final Set<String> REPEATS = Set.of("already-decided", "already-revoked", "already-acknowledged", "duplicate-level");
    static final List<Where> PERSON_OR_SELF = List.of(OWN, FOREIGN, SELF);
    static final String NOTE = "{\"note\":\"đồng ý\"}";

    /** One agency of the fixture with its people and the account targets. */
    static final class AccountSide extends Side {
        UUID target;
        String targetUsername;
        UUID grantee;
        final List<String> requestUsernames = new ArrayList<>();
        Pool requests;
        Pool grants;
        Pool alerts;

        AccountSide(String name) {
            super(name);
        }
    }

    /** Every account operation and its rule: the behaviour as implemented by AccountService and AgencyService. */
    static final List<Op<AccountSide>> TABLE = List.of(
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
            op("PUT", "/agencies/{id}", SA, ROLES_ONLY, AGENCY, c -> c.put("/agencies/" + treeAgency(c), json("code", "MT",
                    "name", "Cơ quan Ma trận Đổi tên " + c.tag()))),
            op("POST", "/agencies/{id}/move", SA, ROLES_ONLY, AGENCY, c -> c.post("/agencies/" + treeAgency(c) + "/move",
                    json("parentId", treeOther(c)))),
            op("POST", "/agencies/merge", SA, ROLES_ONLY, AGENCY, c -> c.post("/agencies/merge",
                    json("sources", List.of(treeAgency(c)), "targetId", treeOther(c)))),
            op("POST", "/agencies/{id}/split", SA, ROLES_ONLY, AGENCY, c -> c.post("/agencies/" + treeAgency(c) + "/split",
                    json("parts", List.of(Map.of("code", "MTA", "name", "Phần A " + c.tag()),
                            Map.of("code", "MTB", "name", "Phần B " + c.tag()))))),
            op("POST", "/users", SA, ROLES_ONLY, AGENCY, c -> c.post("/users", json(
                    "user", Map.of("username", unique("moi"), "fullName", "Người Mới Ma Trận"),
                    "grants", List.of(Map.of("agencyId", c.agency(), "role", CLERK))))),
            op("POST", "/grants", SA, ROLES_ONLY, AGENCY, c -> c.post("/grants", json("userId", person(c),
                    "agencyId", c.agency(), "role", SPECIALIST, "reason", "kiểm thử"))),
            op("POST", "/users/{id}/reset-totp", SA, ROLES_ONLY, AGENCY, c -> c.post("/users/" + person(c) + "/reset-totp", "{}")),

            // the people of an agency: its leaders and administrators; another agency's are not even an empty list
            op("GET", "/agencies/{id}/users", AA + "," + LEADER, OWN_AGENCY, AGENCY,
                    c -> c.get("/agencies/" + c.agency() + "/users?size=200")),

            // a person: themselves, their agency's leaders and administrators, system administrators
            op("GET", "/users/{id}", "", PERSON, PERSON_OR_SELF, c -> c.get("/users/" + person(c))),
            op("GET", "/users/{id}/grants", "", PERSON, PERSON_OR_SELF, c -> c.get("/users/" + person(c) + "/grants")),

            // administering people and grants: the agency's own administrator
            op("PUT", "/users/{id}", AA, OWN_AGENCY, AGENCY, c -> c.put("/users/" + person(c),
                    json("fullName", "Tên Mới", "position", "Văn thư"))),
            op("POST", "/users/{id}/lock", AA, OWN_AGENCY, AGENCY, c -> c.post("/users/" + person(c) + "/lock", REASON)),
            op("POST", "/users/{id}/unlock", AA, OWN_AGENCY, AGENCY, c -> c.post("/users/" + person(c) + "/unlock", "{}")),
            op("POST", "/users/{id}/reset-password", AA, OWN_AGENCY, AGENCY,
                    c -> c.post("/users/" + person(c) + "/reset-password", "{}")),
            op("POST", "/grants/{id}/revoke", AA, OWN_AGENCY, AGENCY, c -> c.post("/grants/" + c.take(c.side.grants) + "/revoke", REASON)),

            // account requests: the administrator proposes, the leader decides; each sees their agency's only
            op("GET", "/requests", AA + "," + LEADER, ROLES_ONLY, NO_TARGET, c -> c.get("/requests?size=200"),
                    "the list holds the acting agency's requests only: checked by the leak test"),
            op("POST", "/requests", AA, OWN_AGENCY, AGENCY, c -> c.post("/requests", json("kind", "create-account",
                    "agencyId", c.agency(), "user", Map.of("username", unique("denghi"), "fullName", "Người Đề Nghị"),
                    "roles", List.of(CLERK)))),
            op("POST", "/requests/{id}/approve", LEADER, OWN_AGENCY, AGENCY,
                    c -> c.post("/requests/" + c.take(c.side.requests) + "/approve", NOTE)),
            op("POST", "/requests/{id}/reject", LEADER, OWN_AGENCY, AGENCY,
                    c -> c.post("/requests/" + c.take(c.side.requests) + "/reject", NOTE)),
            op("POST", "/requests/{id}/one-time-password", AA, SELF_NOT_EXERCISED, NO_TARGET,
                    c -> c.post("/requests/" + c.take(c.side.requests) + "/one-time-password", "{}"),
                    "the proposer only, once: who may receive it is tested by AccountSecurityIT"),

            // access-right alerts: the agency's leader
            op("GET", "/alerts", LEADER, ROLES_ONLY, NO_TARGET, c -> c.get("/alerts?size=200"),
                    "the list holds the acting agency's alerts only: checked by the leak test"),
            op("POST", "/alerts/{id}/acknowledge", LEADER, OWN_AGENCY, AGENCY,
                    c -> c.post("/alerts/" + c.take(c.side.alerts) + "/acknowledge", "{}")),

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

    public AccountMatrixIT() {
        super(BASE, TABLE, REPEATS);
    }

    @Override
    AccountFixture.Person system() {
        return system;
    }

    @Override
    List<Pool> pools() {
        return List.of(sideX.requests, sideX.grants, sideX.alerts, sideY.requests, sideY.grants, sideY.alerts);
    }

    static String unique(String prefix) {
        return fx.unique(prefix);
    }

    /** A person: the caller themselves, the side's target, or a random id. */
    static UUID person(Call<AccountSide> c) {
        return c.where == SELF ? c.who.id() : c.pick(c.side.target);
    }

    /** Tree changes: the system-admin's allowed call works on a fresh throw-away agency; others aim at the target and are refused. */
    static UUID treeAgency(Call<AccountSide> c) throws IOException {
        return SA.equals(c.who.role()) ? fx.agency("Cơ quan Tạm " + c.tag(), null, "province") : c.agency();
    }

    static UUID treeOther(Call<AccountSide> c) throws IOException {
        return SA.equals(c.who.role()) ? fx.agency("Cơ quan Tạm Đích " + c.tag(), null, "province")
                : (c.side == sideX ? sideY : sideX).agency;
    }

    // --- fixture: two agencies, every role in each, targets to act on ---------------------------------

    private static AccountFixture fx;
    private static AccountSide sideX;
    private static AccountSide sideY;
    private static AccountFixture.Person system;

    @Override
    synchronized List<AccountSide> sides() throws IOException {
        if (fx == null) {
            fixture();
        }
        return List.of(sideX, sideY);
    }

    private void fixture() throws IOException {
        AccountFixture f = new AccountFixture(this);
        AccountSide x = side(f, "X");
        AccountSide y = side(f, "Y");
        system = f.person("hethong", null, SA);
        // granting roles raised alerts in each agency; its leader lists them
        for (AccountSide s : List.of(x, y)) {
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

    private AccountSide side(AccountFixture f, String name) throws IOException {
        AccountSide s = new AccountSide(name);
        s.populate(f, "Cơ quan Ma trận " + name);
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

    // --- the leak test -------------------------------------------------------------------------------

    @Test(timeout = 300_000)
    public void a3NothingOfAnotherAgencyLeaksFromListsOrNotFoundAnswers() throws Exception {
        List<String> failures = new ArrayList<>();
        for (AccountSide own : sides()) {
            AccountSide foreign = own == sideX ? sideY : sideX;
            Set<String> secrets = secretsOf(foreign);
            for (String role : List.of(LEADER, AA)) {
                String token = own.people.get(role).token();
                String who = role + "@" + own.name;
                List<String> lists = new ArrayList<>(List.of("/requests?size=200", "/agencies/" + own.agency + "/users?size=200"));
                if (role.equals(LEADER)) {
                    lists.add("/alerts?open=false&size=200");
                }
                for (String path : lists) {
                    checkList(who, path, http.get(BASE + path, token), own.agency, secrets, failures);
                }
                // mine are there: the checks above are not vacuous
                String users = http.get(BASE + "/agencies/" + own.agency + "/users?size=200", token).body();
                String requests = http.get(BASE + "/requests?size=200&status=pending", token).body();
                if (!mentions(users, own.targetUsername) || !mentions(requests, own.requestUsernames.get(own.requestUsernames.size() - 1))) {
                    failures.add(who + ": the own agency's people or requests are missing from its lists");
                }
                // a foreign id is answered exactly like a random one
                UUID random = UUID.randomUUID();
                checkSameNotFound(who, token, "/users/" + foreign.target, "/users/" + random, failures);
                checkSameNotFound(who, token, "/users/" + foreign.people.get(CLERK).id() + "/grants", "/users/" + random + "/grants",
                        failures);
                checkSameNotFound(who, token, "/agencies/" + foreign.agency + "/users", "/agencies/" + random + "/users", failures);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " leaks:\n  " + String.join("\n  ", failures));
        }
    }

    /** Every id and username of the agency, as its own leader and administrator see them. */
    private Set<String> secretsOf(AccountSide s) throws IOException {
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
}
