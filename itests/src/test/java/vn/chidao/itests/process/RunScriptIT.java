package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.Test;

import vn.chidao.itests.support.Http;

/**
 * The README's run command as a newcomer uses it: {@code ./chidao run | tee run.log} returns once the
 * platform is up (the launcher no longer keeps the pipe open), the demo people's password is printed on
 * the very first run, and {@code ./chidao stop} stops the node without Karaf's "JAVA_HOME not set".
 */
public class RunScriptIT {

    private static final Path ROOT = Paths.get(System.getProperty("user.dir")).getParent();
    private static final Path RUN_DIR = Paths.get("target", "run-script").toAbsolutePath();

    @AfterClass
    public static void stop() throws Exception {
        script("./chidao stop", Duration.ofSeconds(60));
    }

    @Test(timeout = 400_000)
    public void runThroughAPipeReturnsPrintsTheDemoPasswordAndStopStops() throws Exception {
        assertTrue("the distribution is built before the integration tests",
                Files.exists(ROOT.resolve("distribution/target/chidao-distribution-" + System.getProperty("project.version", "0.1.0-SNAPSHOT") + ".zip")));
        Result run = script("./chidao run | tee " + RUN_DIR.resolve("run.log"), Duration.ofSeconds(240));
        assertTrue("'./chidao run | tee' returned: " + run.out, run.finished);
        assertEquals(run.out, 0, run.exit);
        assertTrue(run.out, run.out.contains("Chidao is up."));
        Path demo = RUN_DIR.resolve("chidao-distribution-" + System.getProperty("project.version", "0.1.0-SNAPSHOT")
                + "/data/demo-passwords.txt");
        String password = Files.readAllLines(demo).stream().filter(l -> l.startsWith("password=")).findFirst().orElseThrow()
                .substring("password=".length());
        assertTrue("the demo password is printed on the first run: " + run.out, run.out.contains(password));
        assertEquals(200, new Http("http://127.0.0.1:8181").get("/api/v1/health", null).status());

        Result stop = script("./chidao stop", Duration.ofSeconds(90));
        assertTrue(stop.out, stop.finished);
        assertFalse(stop.out, stop.out.contains("JAVA_HOME"));
        assertTrue(stop.out, stop.out.contains("Stopped."));
        assertTrue("no Karaf of this run left", Http.await(Duration.ofSeconds(60), () -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains(RUN_DIR.toString()))));
    }

    private record Result(boolean finished, int exit, String out) {
    }

    private static Result script(String command, Duration bound) throws IOException, InterruptedException {
        Files.createDirectories(RUN_DIR);
        File log = RUN_DIR.resolve("script-" + System.nanoTime() + ".out").toFile();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("CHIDAO_SKIP_BUILD", "1");
        pb.environment().put("CHIDAO_RUN_DIR", RUN_DIR.toString());
        pb.environment().remove("JAVA_HOME"); // as on a fresh machine where only java is on the PATH
        Process p = pb.start();
        boolean finished = p.waitFor(bound.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        return new Result(finished, finished ? p.exitValue() : -1, out);
    }
}
