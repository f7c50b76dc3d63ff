package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.apache.sshd.client.SshClient;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.Http;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.auth.Authenticator;

/**
 * The account module end to end over REST, the Karaf realm over real ssh, and the demo seed:
 * tokens and their revocation, lock-out without user enumeration, password policy, bad input that
 * changes nothing, merges and splits that keep history, and requests decided by the agency's leader.
 */
public class AccountIT extends ChidaoTestSupport {

    private static JsonNode json(Http.Res r) throws java.io.IOException {
        return AccountFixture.json(r);
    }

    private Http.Res apiLogin(String username, String password) throws java.io.IOException {
        return http.postJson("/api/v1/account/login", AccountFixture.body(Map.of("username", username, "password", password)), null);
    }

    @Test(timeout = 120_000)
    public void restTokensRefreshAndEveryKindOfRevocation() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Token", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", x, "clerk");

        JsonNode pair = fx.ok(200, apiLogin(clerk.username(), AccountFixture.PASSWORD));
        String access = pair.path("accessToken").asText();
        String refresh = pair.path("refreshToken").asText();
        assertEquals(300, pair.path("expiresIn").asInt());
        assertEquals(3, access.split("\\.").length);
        assertEquals(clerk.username(), fx.ok(200, http.get("/api/v1/account/me", access)).path("user").path("username").asText());

        // forged tokens: a changed signature, alg "none"
        String[] parts = access.split("\\.");
        char mid = parts[2].charAt(10);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (mid == 'Q' ? 'R' : 'Q')
                + parts[2].substring(11);
        PlatformIT.assertProblem(http.get("/api/v1/account/me", badSignature), 401, "unauthenticated");
        String otherSubject = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new String(java.util.Base64
                .getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8).replace("\"exp\":", "\"exp\":1")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PlatformIT.assertProblem(http.get("/api/v1/account/me", parts[0] + "." + otherSubject + "." + parts[2]), 401,
                "unauthenticated");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + parts[1] + ".";
        PlatformIT.assertProblem(http.get("/api/v1/account/me", none), 401, "unauthenticated");

        // refresh rotates; presenting the spent refresh token again ends the session (theft)
        JsonNode next = fx.ok(200, http.postJson("/api/v1/account/refresh", AccountFixture.body(Map.of("refreshToken", refresh)), null));
        String access2 = next.path("accessToken").asText();
        assertEquals(200, http.get("/api/v1/account/me", access2).status());
        PlatformIT.assertProblem(http.postJson("/api/v1/account/refresh", AccountFixture.body(Map.of("refreshToken", refresh)), null),
                401, "invalid-credentials");
        PlatformIT.assertProblem(http.get("/api/v1/account/me", access2), 401, "unauthenticated");

        // logout
        String a3 = fx.ok(200, apiLogin(clerk.username(), AccountFixture.PASSWORD)).path("accessToken").asText();
        assertEquals(204, http.postJson("/api/v1/account/logout", "{}", a3).status());
        assertEquals(401, http.get("/api/v1/account/me", a3).status());

        // lock by the administrator
        String a4 = fx.ok(200, apiLogin(clerk.username(), AccountFixture.PASSWORD)).path("accessToken").asText();
        fx.ok(200, http.postJson("/api/v1/account/users/" + clerk.id() + "/lock", "{\"reason\":\"nghỉ phép dài hạn\"}", fx.admin()));
        assertEquals(401, http.get("/api/v1/account/me", a4).status());
        assertEquals("a locked account cannot log in", 401, apiLogin(clerk.username(), AccountFixture.PASSWORD).status());
        fx.ok(200, http.postJson("/api/v1/account/users/" + clerk.id() + "/unlock", "{}", fx.admin()));

        // role change
        String a5 = fx.ok(200, apiLogin(clerk.username(), AccountFixture.PASSWORD)).path("accessToken").asText();
        fx.ok(201, http.postJson("/api/v1/account/grants", AccountFixture.body(Map.of("userId", clerk.id(), "agencyId", x,
                "role", "specialist")), fx.admin()));
        assertEquals(401, http.get("/api/v1/account/me", a5).status());

        // password change
        String a6 = fx.ok(200, apiLogin(clerk.username(), AccountFixture.PASSWORD)).path("accessToken").asText();
        assertEquals(204, http.postJson("/api/v1/account/me/password", AccountFixture.body(Map.of("oldPassword",
                AccountFixture.PASSWORD, "newPassword", "Một-mật-khẩu-khác-hẳn-2026")), a6).status());
        assertEquals(401, http.get("/api/v1/account/me", a6).status());
        JsonNode again = fx.ok(200, apiLogin(clerk.username(), "Một-mật-khẩu-khác-hẳn-2026"));
        assertEquals(Set.of("clerk", "specialist"), Set.copyOf(AccountFixture.JSON.convertValue(again.path("user").path("roles"),
                List.class)));
    }

    @Test(timeout = 120_000)
    public void lockOutWithBackOffAndAnswersThatNeverRevealAUsername() throws Exception {
        sql("DELETE FROM account.address_failure");
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Khóa", null, "province");
        AccountFixture.Person p = fx.person("chuyenvien", x, "specialist");
        Http.Res unknown = apiLogin("no.such.person", "Sai-mật-khẩu-hoàn-toàn");
        PlatformIT.assertProblem(unknown, 401, "invalid-credentials");
        for (int i = 0; i < 5; i++) {
            Http.Res wrong = apiLogin(p.username(), "Sai-mật-khẩu-hoàn-toàn");
            assertEquals("same answer as for an unknown user", unknown.body(), wrong.body());
        }
        Http.Res lockedOut = apiLogin(p.username(), AccountFixture.PASSWORD);
        assertEquals("the right password during lock-out answers like a wrong one", unknown.body(), lockedOut.body());
        // back-off: the 5th failure locks for one minute, then the right password works again
        try {
            clock(null, 90);
            assertEquals(200, apiLogin(p.username(), AccountFixture.PASSWORD).status());
        } finally {
            clock(null, 0);
        }
        // per-address throttling: after 30 failures from one address, even unknown names get 429 without hashing
        try {
            for (int i = 0; i < 30; i++) {
                apiLogin("khong.ton.tai." + i, "Sai-mật-khẩu-hoàn-toàn");
            }
            PlatformIT.assertProblem(apiLogin(p.username(), AccountFixture.PASSWORD), 429, "throttled");
        } finally {
            sql("DELETE FROM account.address_failure");
        }
        // every failure is in the journal
        assertTrue(count("SELECT count(*) FROM platform.journal WHERE action = 'account.login-failed'") >= 30);
    }

    @Test(timeout = 120_000)
    public void idleSessionsEndAfterThirtyMinutesAndAdministratorsAfterFifteen() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Phiên", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", x, "clerk");
        AccountFixture.Person admin = fx.person("quantri", x, "agency-admin");
        try {
            clock(null, 16 * 60);
            assertEquals(200, http.get("/api/v1/account/me", clerk.token()).status());
            assertEquals(401, http.get("/api/v1/account/me", admin.token()).status());
            clock(null, 16 * 60 + 31 * 60);
            assertEquals(401, http.get("/api/v1/account/me", clerk.token()).status());
        } finally {
            clock(null, 0);
        }
    }

    @Test(timeout = 120_000)
    public void passwordPolicyAndBadInputChangeNothing() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Dữ liệu", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", x, "clerk");
        for (String weak : List.of("ngan", "password1234", "matkhau123456", "123456789012", clerk.username() + "-2026-abc")) {
            PlatformIT.assertProblem(http.postJson("/api/v1/account/me/password", AccountFixture.body(Map.of("oldPassword",
                    AccountFixture.PASSWORD, "newPassword", weak)), clerk.token()), 400, "weak-password");
        }
        PlatformIT.assertProblem(http.postJson("/api/v1/account/me/password", AccountFixture.body(Map.of("oldPassword",
                "không-phải-mật-khẩu", "newPassword", "Mùa xuân Đắk Nông 2026")), clerk.token()), 400, "wrong-password");

        long people = count("SELECT count(*) FROM account.person");
        long grants = count("SELECT count(*) FROM account.role_grant");
        long agencies = count("SELECT count(*) FROM account.agency");
        String a = fx.admin();
        Map<String, Object> dup = Map.of("user", Map.of("username", clerk.username(), "fullName", "Trùng Tên"), "grants", List.of());
        PlatformIT.assertProblem(http.postJson("/api/v1/account/users", AccountFixture.body(dup), a), 409, "duplicate-username");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/users", AccountFixture.body(Map.of("user", Map.of("username",
                "dung.moi", "fullName", "Người Mới"), "grants", List.of(Map.of("agencyId", UUID.randomUUID(), "role", "clerk")))), a),
                404, "not-found");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/users", AccountFixture.body(Map.of("user", Map.of("username",
                "dung.moi", "fullName", "x".repeat(151)))), a), 400, "invalid-field");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/users", AccountFixture.body(Map.of("user", Map.of("username",
                "Nguyễn Văn A", "fullName", "Nguyễn Văn A"))), a), 400, "invalid-field");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/users", AccountFixture.body(Map.of("user", Map.of("username",
                "dung.moi", "fullName", "Người Mới"), "grants", List.of(Map.of("agencyId", x, "role", "bí thư")))), a),
                400, "invalid-field");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/users", "{\"user\": {\"username\": 12}}", a), 400, "malformed-json");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/users", "{\"user\": ", a), 400, "malformed-json");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/agencies", AccountFixture.body(Map.of("code", "X/Y",
                "name", "Sai mã", "level", "province")), a), 400, "invalid-field");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/agencies", AccountFixture.body(Map.of("code", "XY",
                "name", "Cấp lạ", "level", "galaxy")), a), 400, "invalid-field");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/agencies", AccountFixture.body(Map.of("code", "XY",
                "name", "Cha lạ", "level", "commune", "parentId", UUID.randomUUID())), a), 404, "not-found");
        UUID child = fx.agency("Chi bộ con", x, "district");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/agencies/" + x + "/move", AccountFixture.body(Map.of("parentId",
                child)), a), 400, "cycle");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/agencies/merge", AccountFixture.body(Map.of("sources", List.of(x),
                "targetId", x)), a), 400, "merge-into-itself");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/agencies/" + child + "/split", AccountFixture.body(Map.of("parts",
                List.of(Map.of("code", "A", "name", "Một mình")))), a), 400, "split-parts");
        assertEquals(404, http.get("/api/v1/account/users/not-a-uuid", a).status());
        assertEquals(people, count("SELECT count(*) FROM account.person"));
        assertEquals(grants, count("SELECT count(*) FROM account.role_grant"));
        assertEquals(agencies + 1, count("SELECT count(*) FROM account.agency"));
    }

    @Test(timeout = 180_000)
    public void mergeAndSplitKeepHistoryAndPeopleKeepWorking() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        String a = fx.admin();
        UUID root = fx.agency("Tỉnh ủy Thử nghiệm Sáp nhập", null, "province");
        UUID ba = fx.agency("Huyện ủy Bắc", root, "district");
        UUID nam = fx.agency("Huyện ủy Nam", root, "district");
        UUID commune = fx.agency("Xã Một", ba, "commune");
        AccountFixture.Person leader = fx.person("lanhdao", ba, "leader");
        JsonNode merged = fx.ok(200, http.postJson("/api/v1/account/agencies/merge", AccountFixture.body(Map.of("sources",
                List.of(ba, nam), "into", Map.of("code", "HU", "name", "Huyện ủy Bắc Nam", "level", "district", "parentId", root))), a));
        UUID c = UUID.fromString(merged.path("id").asText());
        assertEquals(Set.of(ba.toString(), nam.toString()), Set.copyOf(AccountFixture.JSON.convertValue(merged.path("predecessors"),
                List.class)));
        JsonNode oldBa = fx.ok(200, http.get("/api/v1/account/agencies/" + ba, a));
        assertFalse("ended", oldBa.path("activeTo").isNull());
        assertEquals("the old name stays readable", "Huyện ủy Bắc", oldBa.path("name").asText().replaceAll(" \\S+$", ""));
        assertEquals(c.toString(), oldBa.path("successors").get(0).asText());
        assertEquals("sub-agencies follow", c.toString(), fx.ok(200, http.get("/api/v1/account/agencies/" + commune, a))
                .path("parentId").asText());
        // the leader keeps working, now for the merged agency, and sees the history of both old ones
        JsonNode me = fx.ok(200, http.get("/api/v1/account/me", leader.token()));
        assertEquals(c.toString(), me.path("agencyId").asText());
        assertEquals(List.of("leader"), AccountFixture.JSON.convertValue(me.path("roles"), List.class));
        Caller caller = authenticator().resolve(leader.token()).orElseThrow();
        assertTrue(caller.visibleAgencies().containsAll(Set.of(c, ba, nam, commune)));
        // ended agencies take no more changes; split needs its sub-agencies moved first
        PlatformIT.assertProblem(http.postJson("/api/v1/account/agencies/merge", AccountFixture.body(Map.of("sources", List.of(ba),
                "targetId", root)), a), 409, "agency-ended");
        PlatformIT.assertProblem(http.postJson("/api/v1/account/agencies/" + c + "/split", AccountFixture.body(Map.of("parts",
                List.of(Map.of("code", "HU", "name", "Huyện ủy Bắc mới"), Map.of("code", "HU", "name", "Huyện ủy Nam mới")))), a),
                409, "has-sub-agencies");
        fx.ok(200, http.postJson("/api/v1/account/agencies/" + commune + "/move", AccountFixture.body(Map.of("parentId", root)), a));
        JsonNode parts = fx.ok(200, http.postJson("/api/v1/account/agencies/" + c + "/split", AccountFixture.body(Map.of("parts",
                List.of(Map.of("code", "HU", "name", "Huyện ủy Bắc mới"), Map.of("code", "HU", "name", "Huyện ủy Nam mới")))), a));
        assertEquals(2, parts.size());
        assertEquals(2, fx.ok(200, http.get("/api/v1/account/agencies/" + c, a)).path("successors").size());
        assertEquals("who goes where is decided by people: the split ends the grants and sessions", 401,
                http.get("/api/v1/account/me", leader.token()).status());
        // the chain of every agency involved still verifies
        assertTrue(http.get("/api/v1/journal/verify", a).body().contains("\"ok\":true"));
        assertTrue(count("SELECT count(*) FROM platform.journal WHERE agency_id = '" + ba + "'") >= 2);
    }

    @Test(timeout = 180_000)
    public void accountRequestsAreDecidedByTheLeaderAndRaiseAlerts() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Văn phòng Thử nghiệm Đề nghị", null, "province");
        AccountFixture.Person admin = fx.person("quantri", x, "agency-admin");
        AccountFixture.Person leader = fx.person("lanhdao", x, "leader");
        String newcomer = fx.unique("moi");
        Map<String, Object> proposal = Map.of("kind", "create-account", "agencyId", x, "roles", List.of("clerk"),
                "user", Map.of("username", newcomer, "fullName", "Lê Thị Mới", "position", "Văn thư"), "note", "thay đồng chí nghỉ hưu");
        JsonNode request = fx.ok(201, http.postJson("/api/v1/account/requests", AccountFixture.body(proposal), admin.token()));
        assertEquals("pending", request.path("status").asText());
        PlatformIT.assertProblem(http.postJson("/api/v1/account/requests", AccountFixture.body(proposal), admin.token()), 409,
                "duplicate-username");
        assertEquals("no account before the decision", 401, apiLogin(newcomer, "whatever-password").status());
        String id = request.path("id").asText();
        PlatformIT.assertProblem(http.postJson("/api/v1/account/requests/" + id + "/approve", "{}", admin.token()), 403, "forbidden");
        JsonNode decision = fx.ok(200, http.postJson("/api/v1/account/requests/" + id + "/approve", "{\"note\":\"đồng ý\"}",
                leader.token()));
        assertEquals("approved", decision.path("request").path("status").asText());
        assertTrue("the decider never sees the password", decision.path("oneTimePassword").isNull());
        // the proposing administrator receives it, once, and hands it over
        String otp = fx.ok(200, http.postJson("/api/v1/account/requests/" + id + "/one-time-password", "{}", admin.token()))
                .path("oneTimePassword").asText();
        JsonNode first = fx.ok(200, apiLogin(newcomer, otp));
        assertTrue(first.path("user").path("mustChangePassword").asBoolean());
        PlatformIT.assertProblem(http.postJson("/api/v1/account/requests/" + id + "/reject", "{}", leader.token()), 409,
                "already-decided");
        // the new access right is an alert for the leader until acknowledged
        JsonNode alerts = fx.ok(200, http.get("/api/v1/account/alerts?open=true", leader.token()));
        JsonNode alert = StreamSupport.stream(alerts.path("items").spliterator(), false)
                .filter(n -> n.path("summary").asText().contains(newcomer)).findFirst().orElseThrow();
        fx.ok(200, http.postJson("/api/v1/account/alerts/" + alert.path("id").asText() + "/acknowledge", "{}", leader.token()));
        assertFalse(fx.ok(200, http.get("/api/v1/account/alerts?open=true", leader.token())).toString().contains(newcomer));
        assertTrue(count("SELECT count(*) FROM platform.journal WHERE action IN ('account.request-proposed',"
                + " 'account.request-approved', 'account.alert-acknowledged') AND agency_id = '" + x + "'") >= 3);
    }

    @Test(timeout = 180_000)
    public void theKarafShellOverSshAcceptsAdministratorsOnly() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Shell", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", x, "clerk");
        AccountFixture.Person agencyAdmin = fx.person("quantri", x, "agency-admin");
        String adminSecret = System.getProperty("chidao.it.adminTotp");
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            String out = SshShell.run(client, "admin", ADMIN_PASSWORD + currentCode("admin", adminSecret), "chidao:agency-list");
            assertTrue(out, out.contains("Tỉnh ủy Đắk Nông") && out.contains("Ban Thử nghiệm Shell"));
            SshShell.assertRefused(client, "karaf", "karaf");
            SshShell.assertRefused(client, "admin", ADMIN_PASSWORD);
            SshShell.assertRefused(client, clerk.username(), AccountFixture.PASSWORD);
            String people = SshShell.run(client, agencyAdmin.username(), AccountFixture.PASSWORD + currentCode(agencyAdmin.username(),
                    agencyAdmin.totpSecret()), "chidao:user-list");
            assertTrue(people, people.contains(clerk.username()));
            try {
                String denied = SshShell.run(client, agencyAdmin.username(), AccountFixture.PASSWORD + currentCode(agencyAdmin.username(),
                        agencyAdmin.totpSecret()), "chidao:agency-add XX \"Không được\" --level province");
                fail("an agency administrator cannot change the tree: " + denied);
            } catch (java.io.IOException expected) {
                assertFalse(http.get("/api/v1/account/agencies", fx.admin()).body().contains("Không được"));
            }
        }
    }

    @Test(timeout = 60_000)
    public void theDemoSeedHasTheDakNongTreeAndPeopleForEveryRole() throws Exception {
        String token = login("lanhdao.vptu", demoPassword(), null);
        JsonNode me = json(http.get("/api/v1/account/me", token));
        assertEquals("Nguyễn Văn Bình", me.path("user").path("fullName").asText());
        assertEquals("Văn phòng Tỉnh ủy", me.path("agencyName").asText());
        JsonNode agencies = json(http.get("/api/v1/account/agencies", token));
        List<String> names = StreamSupport.stream(agencies.spliterator(), false).map(n -> n.path("name").asText()).toList();
        for (String n : List.of("Tỉnh ủy Đắk Nông", "Văn phòng Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Huyện ủy Cư Jút",
                "Huyện ủy Krông Nô", "Huyện ủy Đắk Mil", "Huyện ủy Đắk Song", "Huyện ủy Đắk R'Lấp", "Huyện ủy Đắk Glong",
                "Huyện ủy Tuy Đức", "Thành ủy Gia Nghĩa", "Đảng ủy xã Tâm Thắng")) {
            assertTrue(n, names.contains(n));
        }
        assertEquals("eight district-level committees seeded", 8, StreamSupport.stream(agencies.spliterator(), false)
                .filter(n -> n.path("level").asText().equals("district") && n.path("organId").asText().matches("000\\.00\\.1\\d\\.G22"))
                .count());
        for (String[] p : new String[][] {{"vanthu.vptu", "clerk"}, {"chuyenvien.vptu", "specialist"}, {"quantri.hethong", null}}) {
            Http.Res r = loginAnswer(p[0], demoPassword(), null);
            assertEquals(r.body(), 200, r.status());
            if (p[1] != null) {
                assertTrue(r.body(), r.body().contains(p[1]));
            }
        }
        // search ignores diacritics: "dang thi" finds "Đặng Thị Lụa" for the district's leader
        String cujut = login("lanhdao.cujut", demoPassword(), null);
        String agency = json(http.get("/api/v1/account/me", cujut)).path("agencyId").asText();
        JsonNode found = json(http.get("/api/v1/account/agencies/" + agency + "/users?q=dang%20thi", cujut));
        assertEquals("Đặng Thị Lụa", found.path("items").get(0).path("fullName").asText());
    }

    private Authenticator authenticator() {
        return bundleContext.getService(bundleContext.getServiceReference(Authenticator.class));
    }
}
