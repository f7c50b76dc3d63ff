package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chidao.itests.support.Browser;
import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.KarafProcess;
import vn.chidao.itests.support.TotpCodes;

/**
 * People at the console, in headless Debian Chromium (no downloads): the first administrator logs in
 * with the one-time password, is made to change it and to enrol an authenticator app (the test computes
 * the RFC 6238 codes from the secret the screen shows), lands on the module list in Vietnamese, and
 * later signs in again with password and code. An agency's leader approves an account request the
 * administrator proposed and is not shown the new account's password; the administrator, as proposer,
 * receives it once, and it really opens the account. The agency, the leader and the request are made
 * through REST as the system administrator (no demo data).
 */
public class ConsoleBrowserIT {

    private static final String SESSION_COOKIE = "CHIDAO_SESSION";
    private static final String ADMIN_PASSWORD = "Mật-khẩu-Mới-Của-Tôi-2026";
    private static final String LEADER = "lanhdao.vptu";
    private static final String LEADER_PASSWORD = "Lãnh-đạo-Văn-phòng-2026";
    private static final String NEWCOMER = "nguyenthi.hoa";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KarafProcess node;

    private WebDriver driver;
    private WebDriverWait wait;
    /** The last RFC 6238 time step used for the administrator: the server refuses a code twice. */
    private long adminStep;

    @AfterClass
    public static void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
    }

    @Test(timeout = 300_000)
    public void administratorSignsInWithASecondFactorAndALeaderApprovesAnAccount() throws Exception {
        Browser.requireTools("ConsoleBrowserIT");
        node = KarafProcess.unpack("browser", 40).deploy(KarafProcess.artifact("chidao-testmodule", ".jar")).start();
        node.awaitUp(Duration.ofSeconds(120));
        String otp = KarafProcess.awaitPassword("first-admin-password.txt", node);
        // the account module takes the first administrator over: wait until its login answers (a few seconds
        // after the platform is up; meanwhile the foundation's authenticator no longer knows the account)
        assertTrue("account module not ready", Http.await(Duration.ofSeconds(60), () -> {
            Http.Res r = node.http().get("/api/v1/modules", null);
            return r.status() == 200 && r.body().contains("/console/m/account/") && node.http().postJson("/api/v1/session",
                    "{\"username\":\"admin\",\"password\":\"" + otp + "\"}", null).status() == 200;
        }));

        driver = Browser.chromium(800);
        try {
            wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            String secret = firstAdministratorEnrols(otp);
            String adminToken = driver.manage().getCookieNamed(SESSION_COOKIE).getValue();
            String requestId = leaderAndRequestThroughRest(adminToken);

            signOut();
            leaderApproves(requestId);
            signOut();
            administratorSignsInWithTheCode(secret);
            String issued = proposerReceivesTheOneTimePassword(requestId);

            // the password shown once opens the new account, which must change it first
            Http.Res login = node.http().postJson("/api/v1/session", json(Map.of("username", NEWCOMER, "password", issued)), null);
            assertEquals(login.body(), 200, login.status());
            assertTrue(login.body(), JSON.readTree(login.body()).path("user").path("mustChangePassword").asBoolean());
            Browser.assertNoCspViolation(driver, "signing in again and deciding in the account screens");
        } catch (Exception | AssertionError e) {
            Browser.onFailure(driver, "console-failure.png", e); // what the person saw when it went wrong
            throw e;
        } finally {
            driver.quit();
        }
        // the first one-time password is spent: the new one works (with a code), the file is gone
        Http.Res again = node.http().postJson("/api/v1/session",
                json(Map.of("username", "admin", "password", ADMIN_PASSWORD)), null);
        assertEquals(401, again.status());
        assertTrue(again.body(), again.body().contains("urn:chidao:problem:otp-required"));
        assertFalse(Files.exists(node.home.resolve("data/first-admin-password.txt")));
        assertEquals(List.of(), node.unexpectedErrors());
    }

    /** One-time password, forced password change, forced enrolment; returns the secret shown. */
    private String firstAdministratorEnrols(String otp) throws Exception {
        driver.get("http://127.0.0.1:" + node.httpPort + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        Browser.assertInlineScriptRefused(driver);
        noDemoBanner();
        driver.findElement(By.id("login-username")).sendKeys("admin");
        driver.findElement(By.id("login-password")).sendKeys(otp);
        driver.findElement(By.id("login-submit")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pw-current"))).sendKeys(otp);
        driver.findElement(By.id("pw-new")).sendKeys(ADMIN_PASSWORD);
        driver.findElement(By.id("pw-repeat")).sendKeys(ADMIN_PASSWORD);
        driver.findElement(By.id("pw-submit")).click();

        String shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("totp-secret"))).getText();
        assertTrue(shown, shown.matches("([A-Z2-7]{4} )*[A-Z2-7]{1,4}"));
        assertTrue(driver.findElement(By.id("totp-uri")).getAttribute("href").startsWith("otpauth://totp/"));
        assertTrue(bodyText(), bodyText().contains("Thiết lập xác thực hai lớp"));
        String secret = shown.replace(" ", "");
        WebElement code = driver.findElement(By.id("totp-code"));
        assertEquals("numeric", code.getAttribute("inputmode"));
        assertEquals("one-time-code", code.getAttribute("autocomplete"));
        adminStep = currentStep();
        code.sendKeys(totp(secret, adminStep));
        driver.findElement(By.id("totp-submit")).click();

        WebElement modules = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#module-list [data-module='testmodule']")));
        assertTrue(modules.isDisplayed());
        assertNotNull(driver.findElement(By.cssSelector("#module-list [data-module='account']")));
        String page = bodyText();
        assertTrue(page, page.contains("Phân hệ"));
        assertTrue(page, page.contains("Đăng xuất"));
        assertTrue(page, page.contains("Đã bật xác thực hai lớp"));
        assertEquals("vi", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(driver.findElement(By.id("user-name")).getText().contains("Quản trị hệ thống"));
        noDemoBanner();
        Browser.assertNoCspViolation(driver, "first sign-in, password change, enrolment");
        Browser.screenshot(driver, "console-modules.png");
        return secret;
    }

    /** As the system administrator: an agency, its leader (password changed), a proposed account. */
    private String leaderAndRequestThroughRest(String adminToken) throws Exception {
        JsonNode agency = ok(200, node.http().postJson("/api/v1/account/agencies", json(Map.of(
                "code", "VPTU", "name", "Văn phòng Tỉnh ủy (kiểm thử trình duyệt)", "shortName", "VPTU", "level", "province")),
                adminToken));
        String agencyId = agency.path("id").asText();
        JsonNode created = ok(201, node.http().postJson("/api/v1/account/users", json(Map.of(
                "user", Map.of("username", LEADER, "fullName", "Nguyễn Văn Lãnh", "position", "Chánh Văn phòng"),
                "grants", List.of(Map.of("agencyId", agencyId, "role", "leader")))), adminToken));
        String leaderOtp = created.path("oneTimePassword").asText();
        String leaderToken = ok(200, node.http().postJson("/api/v1/session",
                json(Map.of("username", LEADER, "password", leaderOtp)), null)).path("token").asText();
        Http.Res changed = node.http().send("POST", "/api/v1/session/password",
                json(Map.of("oldPassword", leaderOtp, "newPassword", LEADER_PASSWORD)),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + leaderToken));
        assertEquals(changed.body(), 204, changed.status());
        // valid until 31/12/2029 18:00 UTC, that is 01/01/2030 in Hà Nội: the screen must say 01/01/2030
        JsonNode request = ok(201, node.http().postJson("/api/v1/account/requests", json(Map.of(
                "kind", "create-account", "agencyId", agencyId,
                "user", Map.of("username", NEWCOMER, "fullName", "Nguyễn Thị Hoa", "position", "Văn thư"),
                "roles", List.of("clerk"), "validTo", "2029-12-31T18:00:00Z", "note", "Văn thư mới của Văn phòng")),
                adminToken));
        return request.path("id").asText();
    }

    /** Password, then the code of a later time step than the last one used. */
    private void administratorSignsInWithTheCode(String secret) throws Exception {
        signIn("admin", ADMIN_PASSWORD);
        WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-otp")));
        assertEquals("numeric", code.getAttribute("inputmode"));
        assertEquals("one-time-code", code.getAttribute("autocomplete"));
        assertTrue(bodyText(), bodyText().contains("Mã xác thực"));
        code.sendKeys("000000".equals(totp(secret, currentStep())) ? "111111" : "000000");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        adminStep = nextStep(adminStep);
        driver.findElement(By.id("login-otp")).sendKeys(totp(secret, adminStep));
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#module-list [data-module='account']")));
    }

    /** The leader opens the account screens and approves; the decider is not shown the new account's password. */
    private void leaderApproves(String requestId) throws Exception {
        signIn(LEADER, LEADER_PASSWORD);
        openRequests();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#requests-table [data-request='" + requestId + "']")));
        String rowText = row.getText();
        assertTrue(rowText, rowText.contains("Nguyễn Thị Hoa") && rowText.contains("Văn thư") && rowText.contains("01/01/2030"));
        assertTrue(rowText, rowText.contains("Chờ phê duyệt"));
        driver.findElement(By.id("request-approve-" + requestId)).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-note"))).sendKeys("Đồng ý cấp tài khoản");
        driver.findElement(By.id("decision-submit")).click();
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("requests-notice")));
        assertTrue(notice.getText(), notice.getText().contains("Người đề nghị sẽ nhận mật khẩu dùng một lần"));
        assertTrue("the decider sees no password", driver.findElements(By.id("one-time-password")).isEmpty());
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("request-approve-" + requestId)));
    }

    /** The proposing administrator finds the approved request and reads the one-time password once. */
    private String proposerReceivesTheOneTimePassword(String requestId) throws Exception {
        openRequests();
        new Select(driver.findElement(By.id("requests-status"))).selectByValue("approved");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#requests-table [data-request='" + requestId + "']")));
        assertTrue(row.getText(), row.getText().contains("Chờ người đề nghị nhận mật khẩu dùng một lần"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("request-otp-" + requestId))).click();

        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("one-time-password")));
        String issued = driver.findElement(By.id("one-time-password-value")).getText().trim();
        assertFalse(issued.isEmpty());
        assertTrue(dialog.getText(), dialog.getText().contains("Mật khẩu dùng một lần") && dialog.getText().contains(NEWCOMER));
        Browser.screenshot(driver, "account-one-time-password.png");
        driver.findElement(By.id("one-time-password-close")).click();
        // shown once, then forgotten: the dialog leaves the page, and the button with it
        wait.until(d -> d.findElements(By.id("one-time-password-value")).isEmpty());
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("request-otp-" + requestId)));
        assertTrue(bodyText(), bodyText().contains("Đã cấp mật khẩu dùng một lần lúc"));
        return issued;
    }

    private void openRequests() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav [data-nav-module='account']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("tab-requests"))).click();
    }

    private void signIn(String username, String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys(username);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    private void signOut() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
    }

    private String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * This node runs without demo data: health says so, and the page's banner element knows it and
     * shows nothing. (The pages' Content-Security-Policy is checked along the way: no violation logged.)
     */
    private void noDemoBanner() throws Exception {
        assertFalse(JSON.readTree(node.http().get("/api/v1/health", null).body()).path("demo").asBoolean(true));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("chidao-demo-banner[data-demo='false']")));
        assertTrue(driver.findElements(By.id("demo-banner")).isEmpty());
    }

    private static JsonNode ok(int expected, Http.Res res) throws Exception {
        assertEquals(res.body(), expected, res.status());
        return JSON.readTree(res.body());
    }

    private static String json(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }

    // --- RFC 6238 time steps (30 s); the server refuses a step it has seen, as §5.2 asks ----------------

    private static long currentStep() {
        return Math.floorDiv(System.currentTimeMillis() / 1000, 30);
    }

    /** The first time step after {@code used}, waiting for it if it has not begun. */
    private static long nextStep(long used) {
        assertTrue("next RFC 6238 step", Http.await(Duration.ofSeconds(35), () -> currentStep() > used));
        return currentStep();
    }

    private static String totp(String secret, long step) {
        return TotpCodes.at(secret, Instant.ofEpochSecond(step * 30));
    }
}
