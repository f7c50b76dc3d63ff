package vn.chidao.itests.karaf;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Expect.ALLOWED;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Expect.FORBIDDEN;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Expect.NOT_FOUND;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.PUBLIC_NO_CREDENTIALS;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.SELF_NOT_EXERCISED;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Where.FOREIGN;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Where.NONE;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Where.OWN;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Where.RANDOM;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Where.SELF;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.Http;

/**
 * An authorization matrix of one module's REST API. Every operation under {@link #base()} is in the
 * module's {@link #table()} with the roles it declares and the rule it follows; the table is checked
 * against the live OpenAPI document (an operation missing from it, or declared with other roles, fails),
 * then every operation is called as every role, from the caller's own agency and from a foreign one, and
 * must answer exactly as the rule says: allowed (2xx, or a 409 that says "done already"), 403 or 404.
 * Nothing of another agency leaks, not even by existence: a foreign id answers the very same 404 body as
 * a random one. Subclasses give the table, the fixture (two agencies with every role) and their own
 * list-leak test.
 *
 * @param <S> the module's agency fixture: the agency, its people and what the module's calls aim at
 */
public abstract class AuthorizationMatrix<S extends AuthorizationMatrix.Side> extends ChidaoTestSupport {

    static final String SA = "system-admin";
    static final String AA = "agency-admin";
    static final String LEADER = "leader";
    static final String CLERK = "clerk";
    static final String SPECIALIST = "specialist";
    static final List<String> AGENCY_ROLES = List.of(CLERK, LEADER, SPECIALIST, AA);

    enum Expect { ALLOWED, FORBIDDEN, NOT_FOUND }

    /** What a call aims at: nothing, the caller's own agency, a foreign agency, the caller themselves, a random id. */
    enum Where { NONE, OWN, FOREIGN, SELF, RANDOM }

    /**
     * How an operation decides. Who passes the platform's role filter comes from the operation's
     * declared roles (none declared: every signed-in person; system-admin passes every filter).
     */
    enum Rule {
        /** Data of the agency tree, for every signed-in role, whatever agency it is about. */
        PUBLIC_DATA,
        /** The role filter decides alone: the caller's own lists, self-service, system-admin-only operations. */
        ROLES_ONLY,
        /** Past the filter, only the caller's acting agency exists: a foreign one answers 404 (system-admin: all). */
        OWN_AGENCY,
        /**
         * The agency's own staff write its records: past the filter, a foreign agency answers 404; a
         * system-admin sees every agency but holds no role in one, so 403 everywhere.
         */
        AGENCY_STAFF,
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
    interface Send<S extends Side> {
        Http.Res send(Call<S> c) throws IOException;
    }

    /** One row of a table: method, path under the module's base, declared roles, rule, targets, how to call it. */
    record Op<S extends Side>(String method, String path, Set<String> roles, Rule rule, List<Where> targets, Send<S> send,
                              String note) {
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

    static <S extends Side> Op<S> op(String method, String path, String roles, Rule rule, List<Where> targets, Send<S> send) {
        return op(method, path, roles, rule, targets, send, "");
    }

    static <S extends Side> Op<S> op(String method, String path, String roles, Rule rule, List<Where> targets, Send<S> send,
                                     String note) {
        Set<String> r = roles.isEmpty() ? Set.of() : Set.of(roles.split(","));
        return new Op<>(method, path, r, rule, targets, send, note);
    }

    static final String REASON = "{\"reason\":\"kiểm thử\"}";

    /** What the rule says for this role aiming there (RANDOM: as for a foreign target; NONE: the own agency). */
    static Expect expect(Op<?> op, String role, Where where) {
        boolean sa = SA.equals(role);
        boolean passes = op.roles().isEmpty() || sa || op.roles().contains(role);
        boolean overseer = LEADER.equals(role) || AA.equals(role);
        Where w = where == RANDOM ? FOREIGN : where == NONE ? OWN : where;
        return switch (op.rule()) {
            case PUBLIC_DATA -> ALLOWED;
            case ROLES_ONLY -> passes ? ALLOWED : FORBIDDEN;
            case OWN_AGENCY -> !passes ? FORBIDDEN : sa || w == OWN ? ALLOWED : NOT_FOUND;
            case AGENCY_STAFF -> !passes || sa ? FORBIDDEN : w == OWN ? ALLOWED : NOT_FOUND;
            case PERSON -> sa || w == SELF || (w == OWN && overseer) ? ALLOWED : NOT_FOUND;
            case ACTING_AGENCY -> !sa && w == OWN ? ALLOWED : NOT_FOUND;
            default -> throw new IllegalStateException("not called with credentials: " + op.key());
        };
    }

    // --- what a module gives -------------------------------------------------------------------------

    private final String base;
    private final List<Op<S>> table;
    private final Set<String> repeats;

    /**
     * @param base the module's REST base, e.g. /api/v1/account
     * @param table every operation of the module
     * @param repeats 409 kinds meaning "done already" by an earlier allowed call: the call was not refused
     */
    AuthorizationMatrix(String base, List<Op<S>> table, Set<String> repeats) {
        this.base = base;
        this.table = table;
        this.repeats = repeats;
    }

    String base() {
        return base;
    }

    List<Op<S>> table() {
        return table;
    }

    Set<String> repeats() {
        return repeats;
    }

    /** Builds the two agencies (once per suite) and returns them: the first is the system-admin's home. */
    abstract List<S> sides() throws IOException;

    /** The system administrator of the fixture. */
    abstract AccountFixture.Person system();

    /** The pools of ids the fixture's mutating calls use up, for the summary. */
    abstract List<Pool> pools();

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

        @Override
        public String toString() {
            return what + " " + Math.min(next, ids.size()) + "/" + ids.size();
        }
    }

    /** One agency of a fixture with its people (one per agency role). */
    static class Side {
        final String name;
        UUID agency;
        final Map<String, AccountFixture.Person> people = new LinkedHashMap<>();

        Side(String name) {
            this.name = name;
        }

        /** Creates the agency and one person per agency role in it. */
        void populate(AccountFixture f, String agencyName) throws IOException {
            agency = f.agency(agencyName, null, "province");
            Map<String, String> prefixes = Map.of(CLERK, "vanthu", LEADER, "lanhdao", SPECIALIST, "chuyenvien", AA, "quantri");
            for (String role : AGENCY_ROLES) {
                people.put(role, f.person(prefixes.get(role), agency, role));
            }
        }

        String token(String role) {
            return people.get(role).token();
        }
    }

    /** A caller: a role of one agency (the system-admin has none: home X only names its targets), or anonymous. */
    record Caller<S extends Side>(String role, S home, UUID id, String token) {
        String label() {
            return token == null ? "anonymous" : SA.equals(role) ? SA : role + "@" + home.name;
        }
    }

    private List<Caller<S>> callers() throws IOException {
        List<Caller<S>> all = new ArrayList<>();
        for (S s : sides()) {
            for (String role : AGENCY_ROLES) {
                AccountFixture.Person p = s.people.get(role);
                all.add(new Caller<>(role, s, p.id(), p.token()));
            }
        }
        all.add(new Caller<>(SA, sides().get(0), system().id(), system().token()));
        return all;
    }

    /** One call: who, aiming where; the ids it needs come from the target side (or are random). */
    static final class Call<S extends Side> {
        final Caller<S> who;
        final Where where;
        final S side;
        final UUID random = UUID.randomUUID();
        private final Http http;
        private final String base;
        Pool used;

        Call(AuthorizationMatrix<S> matrix, Caller<S> who, Where where) throws IOException {
            this.who = who;
            this.where = where;
            List<S> sides = matrix.sides();
            S other = sides.get(0) == who.home() ? sides.get(1) : sides.get(0);
            this.side = where == FOREIGN || where == RANDOM ? other : who.home();
            this.http = matrix.http;
            this.base = matrix.base();
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
            return pick(side.agency);
        }

        /** The side's id, or a random one when aiming at a random id. */
        UUID pick(UUID id) {
            return where == RANDOM ? random : id;
        }

        /** The pool's current id (the call uses it up if allowed), or a random one. */
        UUID take(Pool p) {
            if (where == RANDOM) {
                return random;
            }
            used = p;
            return p.current();
        }

        String tag() {
            return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        }

        Http.Res get(String path) {
            return http.get(base + path, who.token());
        }

        Http.Res post(String path, String body) {
            return http.postJson(base + path, body, who.token());
        }

        Http.Res put(String path, String body) {
            return http.send("PUT", base + path, body, headers("application/json"));
        }

        /** A binary upload of ASCII bytes (the test PDFs), with or without credentials. */
        Http.Res upload(String path, byte[] ascii, String type) {
            return http.send("POST", base + path, new String(ascii, StandardCharsets.US_ASCII), headers(type));
        }

        private Map<String, String> headers(String type) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", type);
            if (who.token() != null) {
                headers.put("Authorization", "Bearer " + who.token());
            }
            return headers;
        }
    }

    // --- the tests -------------------------------------------------------------------------------------

    @Test(timeout = 60_000)
    public void a1TheTableHoldsEveryOperationOfTheOpenApiDocumentWithItsRoles() throws Exception {
        Http.Res r = http.get("/api/v1/openapi.json", adminToken());
        JsonNode doc = AccountFixture.JSON.readTree(r.body());
        Map<String, String> published = new TreeMap<>();
        doc.path("paths").properties().forEach(p -> {
            if (p.getKey().startsWith(base() + "/")) {
                p.getValue().properties().forEach(m -> published.put(m.getKey().toUpperCase(Locale.ROOT) + " "
                        + p.getKey().substring(base().length()), access(m.getValue())));
            }
        });
        Map<String, String> declared = new TreeMap<>();
        List<String> diffs = new ArrayList<>();
        for (Op<S> op : table()) {
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
        assertTrue("no operations under " + base() + " in OpenAPI: " + r.status(), !published.isEmpty());
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
        List<String> failures = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (Op<S> op : table()) {
            if (op.rule() == SELF_NOT_EXERCISED) {
                skipped.add(op.key() + ": " + op.note());
                continue;
            }
            if (op.rule() == PUBLIC_NO_CREDENTIALS) {
                continue; // below, without credentials
            }
            for (Caller<S> who : callers()) {
                for (Where where : op.targets()) {
                    Expect e = expect(op, who.role(), where);
                    Call<S> c = new Call<>(this, who, where);
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
                        Call<S> rc = new Call<>(this, who, RANDOM);
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
        Caller<S> anonymous = new Caller<>("anonymous", sides().get(0), null, null);
        for (Op<S> op : table()) {
            Call<S> c = new Call<>(this, anonymous, op.targets().get(0));
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
        System.out.println(getClass().getSimpleName() + ": " + table().size() + " operations, calls by expectation " + counts
                + "; not exercised with credentials: " + skipped + "; pools used: " + pools());
        if (!failures.isEmpty()) {
            fail(failures.size() + " answers differ from the matrix (method path, caller, target, expected, actual, body):\n  "
                    + String.join("\n  ", failures));
        }
    }

    // --- leak checks shared by the modules' list tests -------------------------------------------------

    /**
     * A list answer of the own agency: 200, not empty, every item's agencyId the own agency, no mention of
     * the foreign agency's secrets; failures are added with {@code who} and the path.
     */
    JsonNode checkList(String who, String path, Http.Res r, UUID own, Set<String> foreignSecrets, List<String> failures)
            throws IOException {
        if (r.status() != 200) {
            failures.add(who + " GET " + path + ": " + r.status() + " " + abbreviate(r.body()));
            return null;
        }
        JsonNode root = AccountFixture.json(r);
        JsonNode items = root.isArray() ? root : root.path("items");
        if (items.isEmpty()) {
            failures.add(who + " GET " + path + ": an empty list proves nothing");
        }
        for (JsonNode item : items) {
            if (item.has("agencyId") && !item.path("agencyId").asText().equals(own.toString())) {
                failures.add(who + " GET " + path + ": an item of agency " + item.path("agencyId").asText()
                        + " in the list of " + own + ": " + abbreviate(item.toString()));
            }
        }
        for (String s : foreignSecrets) {
            if (mentions(r.body(), s)) {
                failures.add(who + " GET " + path + ": mentions " + s + " of the foreign agency");
            }
        }
        return root;
    }

    /** A foreign id's answer is exactly a random id's: the same not-found problem. */
    void checkSameNotFound(String who, String token, String foreignPath, String randomPath, List<String> failures) {
        Http.Res f = http.get(base() + foreignPath, token);
        Http.Res rnd = http.get(base() + randomPath, token);
        if (f.status() != 404 || !"not-found".equals(kind(f)) || !sameJson(f.body(), rnd.body())) {
            failures.add(who + " GET " + foreignPath + ": " + f.status() + " " + abbreviate(f.body()) + " vs random id: "
                    + rnd.status() + " " + abbreviate(rnd.body()));
        }
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
    String mismatch(Expect e, Http.Res r) {
        int s = r.status();
        return switch (e) {
            case ALLOWED -> s / 100 == 2 || (s == 409 && repeats().contains(kind(r))) ? null
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

    static String line(Op<?> op, Call<?> c, String expected, Http.Res r, String why) {
        return String.format("%s %s as %s on %s: expected %s, got %d %s (%s)", op.method(), op.path(), c.who.label(),
                c.target(), expected, r.status(), abbreviate(r.body()), why);
    }

    static String abbreviate(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ");
        return b.length() > 240 ? b.substring(0, 240) + "…" : b;
    }
}
