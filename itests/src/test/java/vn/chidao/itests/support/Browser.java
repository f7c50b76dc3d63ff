package vn.chidao.itests.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Assert;
import org.junit.Assume;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Headless Debian Chromium for the console tests: mandatory in CI (or with -Dchidao.it.strict=true),
 * skipped loudly elsewhere when missing; screenshots into target/screenshots/. Chromium's console log is
 * kept, so that tests can check that the pages broke no Content-Security-Policy rule.
 */
public final class Browser {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path DRIVER = Paths.get("/usr/bin/chromedriver");

    private Browser() {
    }

    public static boolean strict() {
        return Boolean.getBoolean("chidao.it.strict") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails in CI, skips (saying so) elsewhere, when Chromium or its driver is missing. */
    public static void requireTools(String test) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        String why = "Chromium or ChromeDriver missing (apt-get install chromium chromium-driver)";
        if (strict()) {
            throw new AssertionError(why + ": mandatory in CI");
        }
        System.err.println("\n***** SKIPPED " + test + ": " + why + " *****\n");
        Assume.assumeTrue(why, false);
    }

    public static WebDriver chromium(int height) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-extensions", "--disable-sync", "--no-first-run",
                "--disable-component-update", "--window-size=1280," + height, "--lang=vi-VN");
        o.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                .build(), o);
    }

    /** Chromium's console lines about the Content-Security-Policy since the last read (reading empties the log). */
    public static List<String> cspViolations(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    /** The pages shown since the last read broke no rule of their Content-Security-Policy. */
    public static void assertNoCspViolation(WebDriver driver, String where) {
        Assert.assertEquals("CSP violations " + where, List.of(), cspViolations(driver));
    }

    /**
     * Proves that the current page enforces a policy without 'unsafe-inline' and that its violations
     * reach the log read above: an inline script inserted into the page must be refused and logged.
     */
    public static void assertInlineScriptRefused(WebDriver driver) {
        cspViolations(driver);
        Object ran = ((JavascriptExecutor) driver).executeScript("window.chidaoInline = false;"
                + " const s = document.createElement('script'); s.textContent = 'window.chidaoInline = true;';"
                + " document.head.appendChild(s); return window.chidaoInline;");
        Assert.assertEquals("an inline script ran despite the policy", Boolean.FALSE, ran);
        // the console message may trail the refusal by a moment
        Assert.assertTrue("the refused inline script is in the log", Http.await(Duration.ofSeconds(10),
                () -> cspViolations(driver).stream().anyMatch(m -> m.contains("inline"))));
    }

    public static void screenshot(WebDriver driver, String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Paths.get("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What the person saw when it went wrong; a failing screenshot never hides the failure itself. */
    public static void onFailure(WebDriver driver, String name, Throwable failure) {
        try {
            screenshot(driver, name);
        } catch (Exception | Error noShot) {
            failure.addSuppressed(noShot);
        }
    }
}
