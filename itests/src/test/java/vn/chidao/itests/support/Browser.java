package vn.chidao.itests.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

import org.junit.Assume;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium for the console tests: mandatory in CI (or with -Dchidao.it.strict=true),
 * skipped loudly elsewhere when missing; screenshots into target/screenshots/.
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
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                .build(), o);
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
