package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.sshd.client.SshClient;
import org.junit.Test;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.TotpCodes;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.auth.Authenticator;

/**
 * Issue 13, the account module: what an agency administrator may do to whom, who receives an approved
 * account's one-time password, sessions that lose an agency with its grant, refresh-token families,
 * the rotatable signing key, TOTP secrets sealed with a key outside the database, password guessing
 * through the password-change and second-factor doors, and failed-login journal entries that keep no
 * password typed into the username field. Each test fails on the code before the fix.
 */
public class AccountSecurityIT extends ChidaoTestSupport {

    private static final String BASE = "/api/v1/account";

    private Http.Res apiLogin(String username, String password) throws java.io.IOException {
        return http.postJson(BASE + "/login", AccountFixture.body(Map.of("username", username, "password", password)), null);
    }

    private Http.Res refresh(String token) throws java.io.IOException {
        return http.postJson(BASE + "/refresh", AccountFixture.body(Map.of("refreshToken", token)), null);
    }

    private Authenticator authenticator() {
        return bundleContext.getService(bundleContext.getServiceReference(Authenticator.class));
    }

    private static JsonNode claims(String jwt) throws java.io.IOException {
        return AccountFixture.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static String keyId(String jwt) throws java.io.IOException {
        return AccountFixture.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).path("kid").asText();
    }

    // --- 1. agency administrators ------------------------------------------------------------------------

    @Test(timeout = 180_000)
    public void agencyAdministratorsActOnlyOnStaffWhollyInsideTheirAgency() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Văn phòng Thử nghiệm Quyền quản trị", null, "province");
        UUID y = fx.agency("Huyện ủy Thử nghiệm Quyền quản trị", x, "district");
        AccountFixture.Person admin = fx.person("quantri", x, "agency-admin");
        AccountFixture.Person leaderElsewhere = fx.person("vanthu.lanhdao", x, "clerk");
        fx.ok(201, http.postJson(BASE + "/grants", AccountFixture.body(Map.of("userId", leaderElsewhere.id(), "agencyId", y,
                "role", "leader")), fx.admin()));
        AccountFixture.Person clerkOfTwo = fx.person("vanthu.haicoquan", x, "clerk");
        fx.ok(201, http.postJson(BASE + "/grants", AccountFixture.body(Map.of("userId", clerkOfTwo.id(), "agencyId", y,
                "role", "clerk")), fx.admin()));
        AccountFixture.Person staff = fx.person("vanthu", x, "clerk");

        for (AccountFixture.Person p : List.of(leaderElsewhere, clerkOfTwo)) {
            String u = BASE + "/users/" + p.id();
            PlatformIT.assertProblem(http.postJson(u + "/reset-password", "{}", admin.token()), 403, "forbidden");
            PlatformIT.assertProblem(http.postJson(u + "/lock", "{\"reason\":\"thử\"}", admin.token()), 403, "forbidden");
            PlatformIT.assertProblem(http.postJson(u + "/unlock", "{}", admin.token()), 403, "forbidden");
            PlatformIT.assertProblem(http.send("PUT", u, AccountFixture.body(Map.of("fullName", "Tên Bị Đổi")),
                    Map.of("Content-Type", "application/json", "Authorization", "Bearer " + admin.token())), 403, "forbidden");
            JsonNode grants = fx.ok(200, http.get(u + "/grants", fx.admin()));
            String grantInX = StreamSupport.stream(grants.spliterator(), false)
                    .filter(g -> g.path("agencyId").asText().equals(x.toString())).findFirst().orElseThrow().path("id").asText();
            PlatformIT.assertProblem(http.postJson(BASE + "/grants/" + grantInX + "/revoke", "{\"reason\":\"thử\"}", admin.token()),
                    403, "forbidden");
        }
        assertEquals("nothing changed", 200, loginAnswer(leaderElsewhere.username(), AccountFixture.PASSWORD, null).status());
        // the ordinary staff of the agency stay the administrator's to look after
        assertFalse(fx.ok(200, http.postJson(BASE + "/users/" + staff.id() + "/reset-password", "{}", admin.token()))
                .path("oneTimePassword").asText().isEmpty());
    }

    // --- 2. approved account requests --------------------------------------------------------------------

    @Test(timeout = 180_000)
    public void theProposerReceivesAnApprovedAccountsPasswordAndNobodyDecidesAboutThemselves() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Văn phòng Thử nghiệm Mật khẩu một lần", null, "province");
        AccountFixture.Person proposer = fx.person("quantri", x, "agency-admin");
        AccountFixture.Person otherAdmin = fx.person("quantri.khac", x, "agency-admin");
        AccountFixture.Person leader = fx.person("lanhdao", x, "leader");
        AccountFixture.Person deputy = fx.person("lanhdao.pho", x, "leader");
        String newcomer = fx.unique("moi");
        String id = fx.ok(201, http.postJson(BASE + "/requests", AccountFixture.body(Map.of("kind", "create-account",
                "agencyId", x, "roles", List.of("clerk"), "user", Map.of("username", newcomer, "fullName", "Trần Thị Mới"))),
                proposer.token())).path("id").asText();

        JsonNode decision = fx.ok(200, http.postJson(BASE + "/requests/" + id + "/approve", "{}", leader.token()));
        assertTrue("the decider is not given the password: " + decision, decision.path("oneTimePassword").isNull());
        assertTrue(decision.path("request").path("oneTimePasswordIssuedAt").isNull());
        PlatformIT.assertProblem(apiLogin(newcomer, "chưa-có-mật-khẩu"), 401, "invalid-credentials");
        PlatformIT.assertProblem(http.postJson(BASE + "/requests/" + id + "/one-time-password", "{}", leader.token()), 403,
                "forbidden");
        PlatformIT.assertProblem(http.postJson(BASE + "/requests/" + id + "/one-time-password", "{}", otherAdmin.token()), 403,
                "proposer-receives");
        JsonNode issued = fx.ok(200, http.postJson(BASE + "/requests/" + id + "/one-time-password", "{}", proposer.token()));
        String otp = issued.path("oneTimePassword").asText();
        assertEquals(newcomer, issued.path("user").path("username").asText());
        assertTrue(fx.ok(200, apiLogin(newcomer, otp)).path("user").path("mustChangePassword").asBoolean());
        PlatformIT.assertProblem(http.postJson(BASE + "/requests/" + id + "/one-time-password", "{}", proposer.token()), 409,
                "one-time-password-issued");
        assertEquals(1, count("SELECT count(*) FROM platform.journal WHERE action = 'account.one-time-password-issued'"
                + " AND actor = '" + proposer.username() + "' AND payload->>'requestId' = '" + id + "'"));

        // a request about the leader is decided by someone else
        String aboutLeader = fx.ok(201, http.postJson(BASE + "/requests", AccountFixture.body(Map.of("kind", "change-roles",
                "agencyId", x, "userId", leader.id(), "roles", List.of("specialist"))), proposer.token())).path("id").asText();
        PlatformIT.assertProblem(http.postJson(BASE + "/requests/" + aboutLeader + "/approve", "{}", leader.token()), 403,
                "own-request");
        PlatformIT.assertProblem(http.postJson(BASE + "/requests/" + aboutLeader + "/reject", "{\"note\":\"không\"}",
                leader.token()), 403, "own-request");
        assertEquals("approved", fx.ok(200, http.postJson(BASE + "/requests/" + aboutLeader + "/approve", "{}", deputy.token()))
                .path("request").path("status").asText());
    }

    // --- 3. sessions and ended grants --------------------------------------------------------------------

    @Test(timeout = 180_000)
    public void aSessionLosesAnAgencyWhenItsGrantEndsAndAMergeDoesNotCarryIt() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID home = fx.agency("Ban Thử nghiệm Thời hạn", null, "province");
        UUID temporary = fx.agency("Văn phòng Thử nghiệm Thời hạn", null, "province");
        UUID successor = fx.agency("Văn phòng Thử nghiệm Kế thừa", null, "province");
        AccountFixture.Person p = fx.person("chuyenvien", home, "specialist");
        String until = Instant.now().plus(Duration.ofMinutes(10)).toString();
        fx.ok(201, http.postJson(BASE + "/grants", AccountFixture.body(Map.of("userId", p.id(), "agencyId", temporary,
                "role", "leader", "validTo", until)), fx.admin()));
        String token = login(p.username(), AccountFixture.PASSWORD, null);
        fx.ok(200, http.postJson(BASE + "/me/agency", AccountFixture.body(Map.of("agencyId", temporary)), token));
        Caller before = authenticator().resolve(token).orElseThrow();
        assertEquals(temporary, before.agencyId());
        assertTrue(before.hasRole("leader") && before.visibleAgencies().contains(temporary));
        try {
            clock(null, 11 * 60);
            Caller after = authenticator().resolve(token).orElseThrow();
            assertNotEquals(temporary, after.agencyId());
            assertFalse(after.roles().toString(), after.hasRole("leader"));
            assertFalse(after.visibleAgencies().toString(), after.visibleAgencies().contains(temporary));
            assertNotEquals(temporary.toString(), fx.ok(200, http.get(BASE + "/me", token)).path("agencyId").asText());
            // the ended agency is merged: the session does not follow into the successor
            fx.ok(200, http.postJson(BASE + "/agencies/merge", AccountFixture.body(Map.of("sources", List.of(temporary),
                    "targetId", successor)), adminToken()));
            Caller merged = authenticator().resolve(token).orElseThrow();
            assertNotEquals(successor, merged.agencyId());
            assertFalse(merged.visibleAgencies().contains(successor));
            assertTrue(merged.roles().isEmpty());
        } finally {
            clock(null, 0);
        }
    }

    // --- 4. refresh-token families -----------------------------------------------------------------------

    @Test(timeout = 120_000)
    public void reusingARefreshTokenOfAnyEarlierGenerationEndsTheFamily() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Họ token", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", x, "clerk");
        String r0 = fx.ok(200, apiLogin(clerk.username(), AccountFixture.PASSWORD)).path("refreshToken").asText();
        String r1 = fx.ok(200, refresh(r0)).path("refreshToken").asText();
        JsonNode third = fx.ok(200, refresh(r1));
        String r2 = third.path("refreshToken").asText();
        String access = third.path("accessToken").asText();
        assertEquals(200, http.get(BASE + "/me", access).status());

        PlatformIT.assertProblem(refresh(r0), 401, "invalid-credentials");
        assertEquals("the whole family ended", 401, refresh(r2).status());
        assertEquals(401, http.get(BASE + "/me", access).status());
        assertEquals(1, count("SELECT count(*) FROM platform.journal WHERE action = 'account.refresh-reuse' AND actor = '"
                + clerk.username() + "'"));
    }

    @Test(timeout = 120_000)
    public void concurrentRefreshesWithOneTokenCannotBothSucceed() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Làm mới đồng thời", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", x, "clerk");
        for (int round = 0; round < 3; round++) {
            String token = fx.ok(200, apiLogin(clerk.username(), AccountFixture.PASSWORD)).path("refreshToken").asText();
            int threads = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return refresh(token).status();
                    }));
                }
                go.countDown();
                int ok = 0;
                for (Future<Integer> f : answers) {
                    ok += f.get() == 200 ? 1 : 0;
                }
                assertEquals("exactly one refresh wins", 1, ok);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    // --- 5. signing key rotation -------------------------------------------------------------------------

    @Test(timeout = 180_000)
    public void theSigningKeyRotatesAndTheOldKeyVerifiesForOneTokenLifetimeOnly() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Khóa ký", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", x, "clerk");
        String before = fx.ok(200, apiLogin(clerk.username(), AccountFixture.PASSWORD)).path("accessToken").asText();
        String oldKey = keyId(before);
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            String out = AccountFixture.ssh(client, "admin", ADMIN_PASSWORD + currentCode("admin",
                    System.getProperty("chidao.it.adminTotp")), "chidao:signing-key-rotate");
            assertTrue(out, out.contains("hs256-"));
        }
        String after = fx.ok(200, apiLogin(clerk.username(), AccountFixture.PASSWORD)).path("accessToken").asText();
        String newKey = keyId(after);
        assertNotEquals(oldKey, newKey);
        assertEquals("a token of the old key stays valid", 200, http.get(BASE + "/me", before).status());
        assertEquals(200, http.get(BASE + "/me", after).status());
        assertEquals(1, count("SELECT count(*) FROM platform.journal WHERE action = 'account.signing-key-rotated'"
                + " AND subject_id = '" + newKey + "' AND payload->>'retired' = '" + oldKey + "'"));

        // tokens made now with either key, for a live session: the old key is accepted within the lifetime only
        JsonNode live = claims(after);
        Instant now = Instant.now();
        assertEquals(200, http.get(BASE + "/me", forge(oldKey, live, now)).status());
        try {
            clock(null, 6 * 60);
            Instant later = now.plus(Duration.ofMinutes(6));
            assertEquals("the retired key verifies nothing after one lifetime", 401,
                    http.get(BASE + "/me", forge(oldKey, live, later)).status());
            assertEquals(200, http.get(BASE + "/me", forge(newKey, live, later)).status());
        } finally {
            clock(null, 0);
        }
    }

    /** An HS256 token as the server makes them, signed with the key from the database (what a key thief could do). */
    private String forge(String keyId, JsonNode claims, Instant issued) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"HS256\",\"kid\":\"" + keyId + "\"}").getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(AccountFixture.body(Map.of("iss", "chidao", "sub", claims.path("sub").asText(),
                "sid", claims.path("sid").asText(), "iat", issued.getEpochSecond(), "exp", issued.getEpochSecond() + 300))
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signingSecret(keyId), "HmacSHA256"));
        return header + "." + body + "." + b64.encodeToString(mac.doFinal((header + "." + body).getBytes(StandardCharsets.US_ASCII)));
    }

    private byte[] signingSecret(String keyId) throws Exception {
        javax.sql.DataSource ds = bundleContext.getService(bundleContext.getServiceReferences(javax.sql.DataSource.class,
                "(osgi.jndi.service.name=chidao)").iterator().next());
        try (java.sql.Connection c = ds.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT secret FROM account.signing_key WHERE id = ?")) {
            ps.setString(1, keyId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertTrue(keyId, rs.next());
                return rs.getBytes(1);
            }
        }
    }

    // --- 6. TOTP secrets at rest -------------------------------------------------------------------------

    @Test(timeout = 240_000)
    public void totpSecretsAreSealedWithAKeyOutsideTheDatabase() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Bí mật", null, "province");
        AccountFixture.Person admin = fx.person("quantri", x, "agency-admin");
        assertEquals("no clear secret anywhere in the account's row", 0, count("SELECT count(*) FROM account.person p WHERE"
                + " position('" + admin.totpSecret() + "' in p::text) > 0"));
        assertEquals(1, count("SELECT count(*) FROM account.person WHERE id = '" + admin.id() + "' AND totp_secret LIKE 'gcm1:%'"));
        Path keyFile = Paths.get(System.getProperty("karaf.etc"), "chidao-totp.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals(200, loginAnswer(admin.username(), AccountFixture.PASSWORD, admin.totpSecret()).status());

        // a secret stored in clear by an earlier version is sealed when the module starts, and still works
        String clear = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        sql("UPDATE account.person SET totp_secret = ? WHERE id = ?", clear, admin.id());
        Bundle account = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "vn.chidao.account".equals(b.getSymbolicName())).findFirst().orElseThrow();
        account.stop();
        account.start();
        ready();
        assertTrue("sealed at start", Http.await(Duration.ofSeconds(30), () -> count("SELECT count(*) FROM account.person WHERE id = '"
                + admin.id() + "' AND totp_secret LIKE 'gcm1:%'") == 1));
        assertEquals(0, count("SELECT count(*) FROM account.person p WHERE position('" + clear + "' in p::text) > 0"));
        assertEquals(200, loginAnswer(admin.username(), AccountFixture.PASSWORD, clear).status());
        assertEquals("a wrong code still fails", 401, http.postJson("/api/v1/session", AccountFixture.body(Map.of(
                "username", admin.username(), "password", AccountFixture.PASSWORD,
                "otp", TotpCodes.now(admin.totpSecret()))), null).status());
    }

    // --- 7. password guessing through other doors --------------------------------------------------------

    @Test(timeout = 180_000)
    public void wrongCurrentPasswordsCountTowardLockOutAndAreThrottledPerAddress() throws Exception {
        sql("DELETE FROM account.address_failure");
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Đổi mật khẩu", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", x, "clerk");
        AccountFixture.Person other = fx.person("chuyenvien", x, "specialist");
        try {
            String wrong = AccountFixture.body(Map.of("oldPassword", "Đoán-thử-mật-khẩu-1", "newPassword", "Mùa xuân Đắk Nông 2027"));
            for (int i = 0; i < 5; i++) {
                PlatformIT.assertProblem(http.postJson(BASE + "/me/password", wrong, clerk.token()), 400, "wrong-password");
            }
            assertEquals(5, count("SELECT failed_logins FROM account.person WHERE id = '" + clerk.id() + "'"));
            assertEquals("locked out: the session is refused", 401, http.get(BASE + "/me", clerk.token()).status());
            PlatformIT.assertProblem(apiLogin(clerk.username(), AccountFixture.PASSWORD), 401, "invalid-credentials");
            // the console's door counts as well
            String changeAtConsole = AccountFixture.body(Map.of("oldPassword", "Đoán-thử-mật-khẩu-2", "newPassword", "Mùa xuân 2027 Đắk"));
            PlatformIT.assertProblem(http.postJson("/api/v1/session/password", changeAtConsole, other.token()), 400, "wrong-password");
            assertEquals(1, count("SELECT failed_logins FROM account.person WHERE id = '" + other.id() + "'"));
            assertTrue(count("SELECT count(*) FROM platform.journal WHERE action = 'account.login-failed' AND actor = '"
                    + other.username() + "' AND payload->>'reason' = 'wrong-current-password'") >= 1);
            // an address that failed too often is throttled at the password change too
            sql("UPDATE account.address_failure SET failures = 30, window_start = now()");
            PlatformIT.assertProblem(http.postJson(BASE + "/me/password", wrong, other.token()), 429, "throttled");
            PlatformIT.assertProblem(http.postJson("/api/v1/session/password", changeAtConsole, other.token()), 429, "throttled");
        } finally {
            sql("DELETE FROM account.address_failure");
        }
    }

    @Test(timeout = 180_000)
    public void aRightPasswordWithoutItsCodeCountsUntilTheCodeFollows() throws Exception {
        sql("DELETE FROM account.address_failure");
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Mã xác thực", null, "province");
        AccountFixture.Person admin = fx.person("quantri", x, "agency-admin");
        try {
            PlatformIT.assertProblem(loginAnswer(admin.username(), AccountFixture.PASSWORD, null), 401, "otp-required");
            assertEquals("counted until the code follows", 1, count("SELECT failed_logins FROM account.person WHERE id = '"
                    + admin.id() + "'"));
            assertEquals(200, loginAnswer(admin.username(), AccountFixture.PASSWORD, admin.totpSecret()).status());
            assertEquals("the code clears the count", 0, count("SELECT failed_logins FROM account.person WHERE id = '"
                    + admin.id() + "'"));
            for (int i = 0; i < 5; i++) {
                PlatformIT.assertProblem(loginAnswer(admin.username(), AccountFixture.PASSWORD, null), 401, "otp-required");
            }
            PlatformIT.assertProblem(loginAnswer(admin.username(), AccountFixture.PASSWORD, admin.totpSecret()), 401,
                    "invalid-credentials");
            try {
                clock(null, 90);
                // the code of the node's (moved) clock
                currentCode(admin.username(), admin.totpSecret());
                assertEquals(200, http.postJson("/api/v1/session", AccountFixture.body(Map.of("username", admin.username(),
                        "password", AccountFixture.PASSWORD, "otp", TotpCodes.at(admin.totpSecret(), Instant.now().plusSeconds(90)))),
                        null).status());
            } finally {
                clock(null, 0);
            }
        } finally {
            sql("DELETE FROM account.address_failure");
        }
    }

    // --- 8. failed-login journal entries -----------------------------------------------------------------

    @Test(timeout = 60_000)
    public void failedLoginEntriesKeepNoPasswordTypedAsAUsername() throws Exception {
        sql("DELETE FROM account.address_failure");
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Nhật ký đăng nhập", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", x, "clerk");
        String typedPassword = "Nhầm-ô-Mật-khẩu-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            PlatformIT.assertProblem(apiLogin(typedPassword, "bất kỳ"), 401, "invalid-credentials");
            PlatformIT.assertProblem(apiLogin(clerk.username(), "Sai-mật-khẩu-hoàn-toàn"), 401, "invalid-credentials");
            String key = typedPassword.substring(typedPassword.length() - 8);
            assertEquals("what was typed is nowhere in the journal", 0, count("SELECT count(*) FROM platform.journal WHERE"
                    + " position('" + key + "' in actor || coalesce(subject_id, '') || payload::text) > 0"));
            assertTrue("a failed login is still journaled", count("SELECT count(*) FROM platform.journal WHERE action ="
                    + " 'account.login-failed' AND actor = 'anonymous' AND occurred_at > now() - interval '1 minute'") >= 1);
            assertEquals("an existing account's name is kept", 1, count("SELECT count(*) FROM platform.journal WHERE action ="
                    + " 'account.login-failed' AND actor = '" + clerk.username() + "' AND subject_id = '" + clerk.id() + "'"));
        } finally {
            sql("DELETE FROM account.address_failure");
        }
    }
}
