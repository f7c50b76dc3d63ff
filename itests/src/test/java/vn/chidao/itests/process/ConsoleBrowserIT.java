package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import vn.chidao.itests.support.KarafProcess;

/**
 * A person at the console: the first administrator logs in with the one-time password, is made to
 * change it, and lands on the module list in Vietnamese. Headless Debian Chromium, no downloads.
 */
public class ConsoleBrowserIT {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
    private static KarafProcess node;

    @AfterClass
    public static void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
    }

    static boolean strict() {
        return Boolean.getBoolean("chidao.it.strict") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Test(timeout = 300_000)
    public void firstAdministratorChangesTheOneTimePasswordAndSeesTheModules() throws Exception {
        boolean tools = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!tools) {
            String why = "Chromium or ChromeDriver missing (apt-get install chromium chromium-driver)";
            if (strict()) {
                throw new AssertionError(why + ": mandatory in CI");
            }
            System.err.println("\n***** SKIPPED ConsoleBrowserIT: " + why + " *****\n");
            Assume.assumeTrue(why, false);
        }
        node = KarafProcess.unpack("browser", 40).deploy(KarafProcess.artifact("chidao-testmodule", ".jar")).start();
        node.awaitUp(Duration.ofSeconds(120));
        String otp = Files.readAllLines(node.home.resolve("data/first-admin-password.txt")).get(1).substring("password=".length());
        String newPassword = "Mật-khẩu-Mới-Của-Tôi-2026";

        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-extensions", "--disable-sync", "--no-first-run",
                "--disable-component-update", "--window-size=1280,800", "--lang=vi-VN");
        ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(svc, o);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get("http://127.0.0.1:" + node.httpPort + "/console");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys("admin");
            driver.findElement(By.id("login-password")).sendKeys(otp);
            driver.findElement(By.id("login-submit")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pw-current"))).sendKeys(otp);
            driver.findElement(By.id("pw-new")).sendKeys(newPassword);
            driver.findElement(By.id("pw-repeat")).sendKeys(newPassword);
            driver.findElement(By.id("pw-submit")).click();

            WebElement modules = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#module-list [data-module='testmodule']")));
            assertTrue(modules.isDisplayed());
            String page = driver.findElement(By.tagName("body")).getText();
            assertTrue(page, page.contains("Phân hệ"));
            assertTrue(page, page.contains("Đăng xuất"));
            assertEquals("vi", driver.findElement(By.tagName("html")).getAttribute("lang"));
            assertTrue(driver.findElement(By.id("user-name")).getText().contains("Quản trị hệ thống"));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = Paths.get("target", "screenshots", "console-modules.png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
        }
        // the one-time password is spent: the new one works, the file is gone
        assertEquals(200, node.http().postJson("/api/v1/session",
                "{\"username\":\"admin\",\"password\":\"" + newPassword + "\"}", null).status());
        assertTrue(!Files.exists(node.home.resolve("data/first-admin-password.txt")));
        assertEquals(List.of(), node.unexpectedErrors());
    }
}
