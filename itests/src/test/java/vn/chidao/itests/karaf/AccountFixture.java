package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chidao.itests.support.Http;

/**
 * Agencies and people made through the account REST API as the system administrator, the way
 * provincial IT would: each person gets a one-time password, changes it, and administrators enrol a
 * second factor. Names are unique per call so tests do not collide within the suite.
 */
final class AccountFixture {

    static final String PASSWORD = "Đắk-Nông-xanh-mướt-2026";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A person ready to call the API: id, username, a session token and their TOTP secret if enrolled. */
    record Person(UUID id, String username, String token, String totpSecret) {
    }

    private final ChidaoTestSupport test;
    private final String admin;
    private final String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    AccountFixture(ChidaoTestSupport test) throws IOException {
        this.test = test;
        this.admin = test.adminToken();
    }

    String admin() {
        return admin;
    }

    String unique(String prefix) {
        return prefix + "." + tag + "." + Integer.toString((int) (Math.random() * 1e6), 36);
    }

    static JsonNode json(Http.Res r) throws IOException {
        return JSON.readTree(r.body());
    }

    static String body(Object o) throws IOException {
        return JSON.writeValueAsString(o);
    }

    JsonNode ok(int status, Http.Res r) throws IOException {
        assertEquals(r.body(), status, r.status());
        return r.body() == null || r.body().isEmpty() ? null : json(r);
    }

    /** A new agency under the parent (null: a new top-level province agency). */
    UUID agency(String name, UUID parent, String level) throws IOException {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("code", level.equals("commune") ? "ĐU" : "CQ");
        draft.put("name", name + " " + tag);
        draft.put("level", level);
        draft.put("parentId", parent);
        return UUID.fromString(ok(200, test.http.postJson("/api/v1/account/agencies", body(draft), admin)).path("id").asText());
    }

    /** A person holding the roles in the agency (system-admin without agency), logged in with their own password. */
    Person person(String prefix, UUID agency, String... roles) throws IOException {
        String username = unique(prefix);
        List<Map<String, Object>> grants = new ArrayList<>();
        for (String role : roles) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("agencyId", role.equals("system-admin") ? null : agency);
            g.put("role", role);
            // valid since 2020, so that tests may move the business clock back into an earlier term
            g.put("validFrom", "2020-01-01T00:00:00Z");
            grants.add(g);
        }
        Map<String, Object> user = Map.of("username", username, "fullName", "Nguyễn Văn Thử " + prefix, "position", "Chuyên viên");
        JsonNode made = ok(201, test.http.postJson("/api/v1/account/users", body(Map.of("user", user, "grants", grants)), admin));
        UUID id = UUID.fromString(made.path("user").path("id").asText());
        String otp = made.path("oneTimePassword").asText();
        String first = test.login(username, otp, null);
        ok(204, test.http.postJson("/api/v1/session/password", body(Map.of("oldPassword", otp, "newPassword", PASSWORD)), first));
        String token = test.login(username, PASSWORD, null);
        boolean administrator = List.of(roles).contains("agency-admin") || List.of(roles).contains("system-admin");
        if (!administrator) {
            return new Person(id, username, token, null);
        }
        String secret = test.enrolTotp(token);
        return new Person(id, username, test.login(username, PASSWORD, secret), secret);
    }

    /** Runs one command over the suite's real ssh port as the user (password with the TOTP code appended, if any). */
    static String ssh(SshClient client, String user, String password, String command) throws IOException {
        try (ClientSession s = client.connect(user, "127.0.0.1", 18101).verify(10, TimeUnit.SECONDS).getSession()) {
            s.addPasswordIdentity(password);
            s.auth().verify(20, TimeUnit.SECONDS);
            return s.executeRemoteCommand(command, System.err, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
