package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chidao.itests.support.DebianPostgres;
import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.KarafProcess;
import vn.chidao.itests.support.TestPdf;
import vn.chidao.itests.support.TotpCodes;

/**
 * The distribution as provincial IT installs it: the Linux distribution's own PostgreSQL (Debian 12:
 * 15), a database created with the README's commands and owned by a plain login role, two nodes
 * with the README's datasource file. Health UP with the server's real version, the first
 * administrator, a registration with a PDF found without diacritics from the other node, the journal
 * verified; then PostgreSQL restarts under both running nodes, which recover by themselves within
 * seconds and keep numbering without gaps.
 */
public class DistributionPostgresIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER = "chidao";
    private static final String OWNER_PASSWORD = "chidao-Owner-2026-pg"; // ASCII: a Vietnamese password in the .cfg file failed authentication (file encoding)
    private static final String ADMIN_PASSWORD = "Quản-trị-Đắk-Nông-2026";
    private static final String CLERK_PASSWORD = "Văn-thư-Đắk-Nông-2026";
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

    private static DebianPostgres postgres;
    private static KarafProcess a;
    private static KarafProcess b;

    @AfterClass
    public static void stop() throws Exception {
        KarafProcess.stop(a, b);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test(timeout = 600_000)
    public void twoNodesOnTheDistributionsPostgresSurviveItsRestart() throws Exception {
        postgres = DebianPostgres.start("DistributionPostgresIT", "dist-pg");
        // the README's commands, as the postgres superuser on the database server (the password is set
        // here in the statement because psql's \password prompt needs a terminal)
        postgres.psql("postgres", "CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
        postgres.psql("postgres", "CREATE DATABASE chidao OWNER " + OWNER
                + " ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN' TEMPLATE template0");
        String serverVersion = postgres.psql("chidao", "SHOW server_version");

        a = KarafProcess.unpack("dist-pg-a", 80).external(postgres.url("chidao"), OWNER, OWNER_PASSWORD);
        b = KarafProcess.unpack("dist-pg-b", 90).external(postgres.url("chidao"), OWNER, OWNER_PASSWORD);
        KarafProcess.shareTotpKey(a, b);
        a.start();
        b.start();
        double bootA = a.awaitUp(Duration.ofSeconds(180));
        double bootB = b.awaitUp(Duration.ofSeconds(180));
        for (KarafProcess k : List.of(a, b)) {
            JsonNode db = JSON.readTree(k.http().get("/api/v1/health", null).body()).path("database");
            assertEquals(db.toString(), serverVersion, db.path("version").asText());
            assertTrue(db.toString(), db.path("version").asText().startsWith(postgres.major + "."));
            assertEquals("external", db.path("mode").asText());
            assertEquals("UTF8", db.path("encoding").asText());
            assertEquals("icu", db.path("localeProvider").asText());
            assertEquals("vi-VN", db.path("locale").asText());
            assertTrue(db.toString(), db.path("notices").isArray());
            assertEquals("nothing missing on a database made as the README says", 0, db.path("notices").size());
        }
        assertOwnerIsNoSuperuser();

        String admin = firstAdministrator();
        String clerk = clerk(admin);
        String register = ok(201, a.http().postJson("/api/v1/registry/registers", json(Map.of("kind", "incoming",
                "name", "Sổ văn bản đến")), clerk)).path("id").asText();
        JsonNode stored = ok(201, a.http().upload("/api/v1/registry/files?name=nghi-quyet.pdf",
                TestPdf.withText("Phu luc ve giong ca phe Robusta"), "application/pdf", clerk));
        Map<String, Object> first = draft(register, "Nghị quyết về chuyển đổi số tỉnh Đắk Nông", 1);
        first.put("files", List.of(Map.of("sha256", stored.path("sha256").asText(), "fileName", "Nghị quyết.pdf")));
        assertEquals(1, ok(201, a.http().postJson("/api/v1/registry/documents", json(first), clerk)).path("number").asInt());
        // found from the other node, without diacritics, by its metadata and by its PDF's text
        assertEquals(1, search(b, clerk, "nghi quyet chuyen doi so dak nong"));
        assertEquals(1, search(b, clerk, "robusta"));
        assertJournalVerifies(b, admin);

        long t0 = System.nanoTime();
        postgres.restart();
        double restartSeconds = (System.nanoTime() - t0) / 1e9;
        double recoveryA = recovers(a, clerk, register, 2);
        double recoveryB = recovers(b, clerk, register, 3);
        assertEquals("registered on B, found on A", 1, search(a, clerk, "van ban so 3"));
        assertEquals("numbers gapless across both nodes", List.of(1, 2, 3), numbers(register));
        assertJournalVerifies(a, admin);
        for (KarafProcess k : List.of(a, b)) {
            assertEquals(k.name, List.of(), k.unexpectedErrors());
        }
        System.out.printf("DistributionPostgresIT on PostgreSQL %s: boot to UP %.1f s / %.1f s, restart of PostgreSQL"
                + " %.1f s, back to a successful registration after it: node A %.1f s, node B %.1f s%n",
                serverVersion, bootA, bootB, restartSeconds, recoveryA, recoveryB);
    }

    /** The node answers health UP and registers again within the bound; returns the seconds it took. */
    private static double recovers(KarafProcess k, String clerk, String register, int n) {
        long t0 = System.nanoTime();
        int[] number = {0};
        boolean back = Http.await(RECOVERY_BOUND, () -> {
            Http.Res health = k.http().get("/api/v1/health", null);
            if (health.status() != 200 || !health.body().contains("\"status\":\"UP\"")) {
                return false;
            }
            Http.Res r = k.http().postJson("/api/v1/registry/documents", json(draft(register, "Văn bản số " + n, n)), clerk);
            if (r.status() == 201) {
                number[0] = Http.field(r.body(), "number") == null ? -1 : Integer.parseInt(Http.field(r.body(), "number"));
            }
            return r.status() == 201;
        });
        assertTrue(k.name + " did not recover within " + RECOVERY_BOUND + " after PostgreSQL restarted; log: "
                + k.home.resolve("data/log/karaf.log"), back);
        assertEquals(n, number[0]);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One-time password from whichever node created the account, changed, second factor enrolled. */
    private static String firstAdministrator() throws Exception {
        String otp = KarafProcess.awaitPassword("first-admin-password.txt", a, b);
        // the account module takes the account over a few seconds after the platform is up
        assertTrue(Http.await(Duration.ofSeconds(60), () -> login(a, "admin", otp, null) != null));
        String once = login(a, "admin", otp, null);
        assertEquals(204, a.http().postJson("/api/v1/session/password",
                json(Map.of("oldPassword", otp, "newPassword", ADMIN_PASSWORD)), once).status());
        String setup = login(a, "admin", ADMIN_PASSWORD, null);
        String secret = ok(200, a.http().postJson("/api/v1/account/me/totp", "{}", setup)).path("secret").asText();
        java.time.Instant used = java.time.Instant.now();
        assertEquals(204, a.http().postJson("/api/v1/account/me/totp/confirm",
                json(Map.of("code", TotpCodes.at(secret, used))), setup).status());
        // the enrolment spent that step's code (a code is accepted once): log in with the next step's
        long step = used.getEpochSecond() / 30;
        assertTrue(Http.await(Duration.ofSeconds(35), () -> java.time.Instant.now().getEpochSecond() / 30 > step));
        String token = login(a, "admin", ADMIN_PASSWORD, secret);
        assertTrue("administrator logs in with password and code", token != null);
        return token;
    }

    /** An agency and its clerk (one-time password changed), made by the administrator. */
    private static String clerk(String admin) throws Exception {
        String agency = ok(200, a.http().postJson("/api/v1/account/agencies", json(Map.of("code", "VPTU",
                "name", "Văn phòng Tỉnh ủy Đắk Nông", "level", "province")), admin)).path("id").asText();
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("agencyId", agency);
        grant.put("role", "clerk");
        JsonNode made = ok(201, a.http().postJson("/api/v1/account/users", json(Map.of("user", Map.of("username",
                "vanthu.vptu", "fullName", "Nguyễn Thị Văn Thư"), "grants", List.of(grant))), admin));
        String otp = made.path("oneTimePassword").asText();
        String once = login(a, "vanthu.vptu", otp, null);
        assertEquals(204, a.http().postJson("/api/v1/session/password",
                json(Map.of("oldPassword", otp, "newPassword", CLERK_PASSWORD)), once).status());
        return login(a, "vanthu.vptu", CLERK_PASSWORD, null);
    }

    private static String login(KarafProcess k, String username, String password, String totpSecret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        if (totpSecret != null) {
            body.put("otp", TotpCodes.now(totpSecret));
        }
        Http.Res r = k.http().postJson("/api/v1/session", json(body), null);
        return r.status() == 200 ? Http.field(r.body(), "token") : null;
    }

    private static Map<String, Object> draft(String register, String subject, int n) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("registerId", register);
        d.put("typeCode", "CV");
        d.put("subject", subject);
        d.put("organName", "Ủy ban nhân dân tỉnh");
        d.put("originalNumber", Integer.toString(n));
        d.put("originalNotation", n + "/UBND-VP");
        d.put("arrivalMethod", "system");
        return d;
    }

    private static int search(KarafProcess k, String token, String q) throws Exception {
        return ok(200, k.http().get("/api/v1/registry/documents?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token))
                .path("total").asInt();
    }

    private static void assertJournalVerifies(KarafProcess k, String admin) throws Exception {
        JsonNode v = ok(200, k.http().get("/api/v1/journal/verify", admin));
        assertTrue(v.toString(), v.path("ok").asBoolean());
        assertTrue(v.toString(), v.path("entriesChecked").asInt() > 0);
    }

    private static void assertOwnerIsNoSuperuser() throws Exception {
        try (Connection c = postgres.superuser("chidao").getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb, d.datdba = r.oid,"
                     + " (SELECT count(*) FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm'))"
                     + " FROM pg_roles r, pg_database d WHERE r.rolname = '" + OWNER + "' AND d.datname = 'chidao'")) {
            assertTrue(rs.next());
            assertEquals("the owner is a plain login role", false, rs.getBoolean(1));
            assertTrue("it owns the database", rs.getBoolean(2));
            assertEquals("it created both extensions through the migrations", 2, rs.getInt(3));
        }
    }

    private static List<Integer> numbers(String register) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Connection c = postgres.superuser("chidao").getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT number FROM registry.document WHERE register_id = '" + register
                     + "'::uuid ORDER BY number")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode ok(int status, Http.Res r) throws Exception {
        assertEquals(r.body(), status, r.status());
        return JSON.readTree(r.body());
    }
}
