package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
import vn.chidao.itests.support.TestPdf;

/**
 * A clerk at the registry screens, in headless Debian Chromium: the demo clerk of Văn phòng Tỉnh ủy
 * signs in, opens the registry from the navigation, registers an incoming PDF through the form (the
 * file goes through the form's file input; its first page is drawn by PDF.js in the page before
 * anything is sent), lands on the new document with its number, then finds it again by searching
 * without diacritics and opens it. The number the screens show is the one the REST API gives.
 * The node runs in demo mode: every page it visits shows the demo banner, and none breaks a rule of the
 * console's Content-Security-Policy (Chromium's log; PDF.js and its worker included). Screenshots go to target/screenshots/ (and one of the failure, whatever went wrong).
 */
public class RegistryBrowserIT {

    private static final int PORT_OFFSET = 50;
    private static final String CLERK = "vanthu.vptu";
    private static final String SUBJECT = "Về việc triển khai Nghị quyết số 05";
    private static final String QUERY = "trien khai nghi quyet";
    private static final String ISSUER = "Ban Chấp hành Trung ương";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KarafProcess node;

    private WebDriver driver;
    private WebDriverWait wait;

    @AfterClass
    public static void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
    }

    @Test(timeout = 420_000)
    public void clerkRegistersAnIncomingPdfAndFindsItWithoutDiacritics() throws Exception {
        Browser.requireTools("RegistryBrowserIT");
        long t0 = System.nanoTime();
        node = KarafProcess.unpack("registry-browser", PORT_OFFSET)
                .set("etc/vn.chidao.account.cfg", "demo", "true")
                .set("etc/vn.chidao.registry.cfg", "demo", "true")
                .start();
        node.awaitUp(Duration.ofSeconds(150));
        String password = KarafProcess.awaitPassword("demo-passwords.txt", node);
        String token = restLogin(password);
        String register = incomingRegister(token);
        Path pdf = Files.createDirectories(Paths.get("target", "registry-browser").toAbsolutePath()).resolve("nghi-quyet-05.pdf");
        Files.write(pdf, TestPdf.withText("Ve viec trien khai Nghi quyet so 05 - kiem thu trinh duyet"));
        System.out.printf("RegistryBrowserIT: node up, demo clerk and registers ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        driver = Browser.chromium(1000);
        try {
            wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            long t1 = System.nanoTime();
            signInAndOpenTheRegistry(password, register);
            String number = registerThroughTheForm(register, pdf);
            // the screen shows the number the server gave
            JsonNode found = ok(node.http().get("/api/v1/registry/documents?q=" + QUERY.replace(' ', '+'), token));
            assertEquals(found.toString(), 1, found.path("total").asInt());
            JsonNode item = found.path("items").get(0);
            assertEquals(SUBJECT, item.path("subject").asText());
            assertEquals(item.path("number").asText(), number);
            findWithoutDiacriticsAndOpen(item.path("id").asText(), number);
            System.out.printf("RegistryBrowserIT: browser part took %.1f s%n", (System.nanoTime() - t1) / 1e9);
        } catch (Exception | AssertionError e) {
            Browser.onFailure(driver, "registry-failure.png", e); // what the person saw when it went wrong
            throw e;
        } finally {
            driver.quit();
        }
        assertEquals(List.of(), node.unexpectedErrors());
    }

    /** The login form of the shell, then the registry from the navigation: the agency's registers. */
    private void signInAndOpenTheRegistry(String password, String register) throws Exception {
        driver.get("http://127.0.0.1:" + node.httpPort + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        demoBannerShown("login");
        Browser.assertInlineScriptRefused(driver);
        driver.findElement(By.id("login-username")).sendKeys(CLERK);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav [data-nav-module='registry']"))).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#registers-table [data-register='" + register + "']")));
        assertTrue(row.getText(), row.getText().contains("Văn bản đến") && row.getText().contains("Đánh số theo năm"));
        String year = Integer.toString(LocalDate.now(VIETNAM).getYear());
        String book = driver.findElement(By.id("register-book-pdf-" + register)).getAttribute("href");
        assertTrue(book, book.contains("/api/v1/registry/registers/" + register + "/book?period=" + year + "&format=pdf"));
        assertEquals("vi", driver.findElement(By.tagName("html")).getAttribute("lang"));
        demoBannerShown("registers");
        Browser.assertNoCspViolation(driver, "signing in and opening the registry");
        Browser.screenshot(driver, "registry-registers.png");
    }

    /** Fills the incoming form, uploads the PDF through the file input, sees page 1 drawn, submits; returns the number. */
    private String registerThroughTheForm(String register, Path pdf) throws Exception {
        driver.findElement(By.id("register-new-" + register)).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("registration-form")));
        LocalDate today = LocalDate.now(VIETNAM);
        assertEquals("arrival date defaults to today", today.format(DAY),
                driver.findElement(By.id("reg-arrival-date")).getAttribute("value"));
        // secrecy: any level but "none" warns that only the number is taken, and the file input goes away
        new Select(driver.findElement(By.id("reg-secrecy"))).selectByValue("mat");
        assertTrue(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reg-secrecy-warning"))).getText()
                .contains("chỉ được lấy số"));
        assertTrue("no file input for a secret document", driver.findElements(By.id("reg-file")).isEmpty());
        assertTrue("no subject for a secret document", driver.findElements(By.id("reg-subject")).isEmpty());
        new Select(driver.findElement(By.id("reg-secrecy"))).selectByValue("none");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reg-secrecy-warning")));
        new Select(driver.findElement(By.id("reg-arrival-method"))).selectByValue("post");
        driver.findElement(By.id("reg-organ")).sendKeys(ISSUER);
        driver.findElement(By.id("reg-original-number")).sendKeys("05");
        driver.findElement(By.id("reg-original-notation")).sendKeys("NQ/TW");
        driver.findElement(By.id("reg-issued-date")).sendKeys(today.minusDays(3).format(DAY));
        new Select(driver.findElement(By.id("reg-type"))).selectByValue("NQ");
        new Select(driver.findElement(By.id("reg-priority"))).selectByValue("1");
        driver.findElement(By.id("reg-due-date")).sendKeys(today.plusDays(10).format(DAY));
        driver.findElement(By.id("reg-subject")).sendKeys(SUBJECT);
        driver.findElement(By.id("reg-to")).sendKeys("Thường trực Tỉnh ủy\nBan Tuyên giáo Tỉnh ủy");

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reg-file"))).sendKeys(pdf.toString());
        WebElement preview = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#reg-preview[data-state='rendered'], #reg-preview[data-state='failed']")));
        assertEquals("PDF.js preview: " + preview.getText(), "rendered", preview.getAttribute("data-state"));
        assertEquals("1", preview.getAttribute("data-pages"));
        Object ink = ((JavascriptExecutor) driver).executeScript(
                "const c = document.getElementById('reg-preview-canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let dark = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && d[i] < 128) dark++; }"
                + "return [c.width, c.height, dark];");
        List<?> canvas = (List<?>) ink;
        assertTrue("canvas drawn: " + canvas, ((Number) canvas.get(0)).intValue() > 100
                && ((Number) canvas.get(1)).intValue() > 100 && ((Number) canvas.get(2)).intValue() > 20);
        assertTrue(driver.findElement(By.id("reg-file-chosen")).getText().contains("nghi-quyet-05.pdf"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", preview);
        Browser.screenshot(driver, "registry-form.png");

        driver.findElement(By.id("reg-submit")).click();
        WebElement number = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("doc-number")));
        String shown = number.getText().trim();
        assertTrue(shown, shown.matches("\\d+"));
        assertTrue(driver.findElement(By.id("doc-notice")).getText().contains("Đã đăng ký văn bản vào sổ"));
        assertEquals(SUBJECT, driver.findElement(By.id("doc-subject")).getText());
        assertTrue(driver.findElement(By.id("doc-title")).getText().startsWith("Văn bản đến số " + shown));
        assertTrue(driver.findElement(By.id("doc-organ")).getText().contains(ISSUER));
        String original = driver.findElement(By.id("doc-original")).getText();
        assertTrue(original, original.contains("05") && original.contains("NQ/TW"));
        assertEquals("Bưu điện", driver.findElement(By.id("doc-arrival-method")).getText());
        assertEquals("Khẩn", driver.findElement(By.id("doc-priority")).getText());
        assertEquals(today.format(DAY), driver.findElement(By.id("doc-arrival-date")).getText());
        WebElement file = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-files [data-file]")));
        assertTrue(file.getText(), file.getText().contains("nghi-quyet-05.pdf") && file.getText().contains("Văn bản chính"));
        demoBannerShown("document");
        Browser.assertNoCspViolation(driver, "registering through the form (PDF.js preview)");
        Browser.screenshot(driver, "registry-document.png");
        return shown;
    }

    /** The search screen, words typed without diacritics; the hit opens the same document. */
    private void findWithoutDiacriticsAndOpen(String id, String number) throws Exception {
        driver.findElement(By.id("tab-search")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-q"))).sendKeys(QUERY);
        driver.findElement(By.id("search-submit")).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#search-table [data-document='" + id + "']")));
        assertTrue(row.getText(), row.getText().contains(SUBJECT) && row.getText().contains(ISSUER));
        assertTrue(driver.findElement(By.id("search-total")).getText().contains("1 văn bản"));
        Browser.screenshot(driver, "registry-search.png");
        driver.findElement(By.id("doc-link-" + id)).click();
        wait.until(ExpectedConditions.textToBe(By.id("doc-number"), number));
        assertEquals(SUBJECT, driver.findElement(By.id("doc-subject")).getText());
        WebElement history = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("doc-history")));
        assertTrue(history.getText(), history.getText().contains("Đăng ký vào sổ") && history.getText().contains(CLERK));
        assertFalse("the clerk is no leader: no access log", driver.findElements(By.id("doc-access")).size() > 0);
        assertNotNull(driver.findElement(By.id("doc-correct")));
        Browser.assertNoCspViolation(driver, "searching and opening the document");
    }

    /** The permanent demo-mode banner, in Vietnamese, under the top bar. */
    private void demoBannerShown(String where) {
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("demo-banner")));
        assertTrue(where + ": " + banner.getText(), banner.getText().startsWith("Chế độ trình diễn:")
                && banner.getText().contains("không dùng cho công việc thật"));
    }

    /** A REST token of the demo clerk (no second factor for clerks), once the account module answers. */
    private static String restLogin(String password) throws Exception {
        String body = JSON.writeValueAsString(Map.of("username", CLERK, "password", password));
        String[] token = new String[1];
        assertTrue("demo clerk can log in", Http.await(Duration.ofSeconds(90), () -> {
            Http.Res r = node.http().postJson("/api/v1/session", body, null);
            token[0] = r.status() == 200 ? Http.field(r.body(), "token") : null;
            return token[0] != null;
        }));
        return token[0];
    }

    /** The id of the clerk's incoming register (demo registers: one incoming per year, one outgoing per term). */
    private static String incomingRegister(String token) throws Exception {
        String[] id = new String[1];
        assertTrue("demo registers of Văn phòng Tỉnh ủy", Http.await(Duration.ofSeconds(90), () -> {
            Http.Res r = node.http().get("/api/v1/registry/registers", token);
            if (r.status() != 200) {
                return false;
            }
            try {
                for (JsonNode reg : JSON.readTree(r.body())) {
                    if ("incoming".equals(reg.path("kind").asText()) && reg.path("active").asBoolean()) {
                        id[0] = reg.path("id").asText();
                    }
                }
            } catch (java.io.IOException e) {
                return false;
            }
            return id[0] != null;
        }));
        return id[0];
    }

    private static JsonNode ok(Http.Res res) throws Exception {
        assertEquals(res.body(), 200, res.status());
        return JSON.readTree(res.body());
    }
}
