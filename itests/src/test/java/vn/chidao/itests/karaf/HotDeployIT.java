package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;

import vn.chidao.itests.support.Http;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.journal.JournalEntry;

/**
 * Hot deployment while clients keep calling: a module feature is removed and re-added, its bundle is
 * updated from a file and an unrelated feature is installed. The platform's endpoints never fail, the
 * module's endpoints go and come back, its consumer catches up, and no bundle is ever refreshed.
 */
public class HotDeployIT extends ChidaoTestSupport {

    @Inject
    FeaturesService features;

    @Inject
    Journal journal;

    @Inject
    @Filter("(osgi.jndi.service.name=chidao)")
    DataSource dataSource;

    @Test(timeout = 300_000)
    public void modulesComeAndGoWhileThePlatformKeepsAnswering() throws Exception {
        String token = adminToken();
        Path log = Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
        long logStart = Files.size(log);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Thread loop = new Thread(() -> {
            Http client = new Http("http://127.0.0.1:" + HTTP);
            long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (running.get() && System.nanoTime() < end && calls.get() < 100_000) {
                for (String path : List.of("/api/v1/health", "/api/v1/modules", "/api/v1/openapi.json", "/console/")) {
                    Http.Res r = client.get(path, null);
                    calls.incrementAndGet();
                    if (r.status() != 200) {
                        failures.add(path + " -> " + r.status() + " " + r.body());
                    }
                }
            }
        }, "itest-client-loop");
        loop.start();
        try {
            assertEquals(200, http.get("/api/v1/testmodule/notes", token).status());

            features.uninstallFeature("chidao-testmodule");
            assertTrue("module endpoints gone", Http.await(Duration.ofSeconds(30),
                    () -> http.get("/api/v1/testmodule/notes", token).status() == 404));
            assertFalse(http.get("/api/v1/modules", null).body().contains("testmodule"));
            assertFalse(http.get("/api/v1/openapi.json", null).body().contains("/api/v1/testmodule"));

            // written while the module is away
            String tag = UUID.randomUUID().toString();
            List<UUID> missed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JournalEntry e = journal.append(new JournalDraft(Ids.newId(), "tester", "itest.while-away", tag, Map.of("i", i)));
                missed.add(e.id());
            }

            features.installFeature("chidao-testmodule");
            assertTrue("module endpoints back", Http.await(Duration.ofSeconds(60),
                    () -> http.get("/api/v1/testmodule/notes", token).status() == 200));
            assertTrue(http.get("/api/v1/modules", null).body().contains("\"name\":\"testmodule\""));
            assertTrue("consumer caught up", Http.await(Duration.ofSeconds(60), () -> consumed(missed) == missed.size()));

            // a new build of the module's bundle, from a file
            Bundle module = find("vn.chidao.testmodule");
            try (InputStream in = new FileInputStream(System.getProperty("chidao.it.testmoduleJar"))) {
                module.update(in);
            }
            assertTrue("endpoints back after update", Http.await(Duration.ofSeconds(60),
                    () -> http.get("/api/v1/testmodule/notes", token).status() == 200));
            UUID after = journal.append(new JournalDraft(Ids.newId(), "tester", "itest.after-update", tag, Map.of())).id();
            assertTrue("consumer runs after the update", Http.await(Duration.ofSeconds(60), () -> consumed(List.of(after)) == 1));

            // an unrelated feature (JPA + EclipseLink) installed live
            features.installFeature("chidao-jpa");
            assertTrue(features.isInstalled(features.getFeature("chidao-jpa")));
            assertEquals(200, http.get("/api/v1/testmodule/notes", token).status());
        } finally {
            running.set(false);
            loop.join();
        }
        assertTrue("client loop made calls: " + calls.get(), calls.get() > 20);
        assertEquals("platform endpoints must answer 200 throughout", List.of(), failures);
        String logged;
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(logStart);
            logged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Karaf lists a removed bundle under "Refreshing bundles" with "(Bundle will be uninstalled)"; any
        // other bundle listed there would have been restarted, and that must never happen
        assertEquals("bundles refreshed", List.of(), refreshed(logged));
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                assertEquals(b.getSymbolicName() + " not active", Bundle.ACTIVE, b.getState());
            }
        }
    }

    static List<String> refreshed(String log) {
        List<String> out = new ArrayList<>();
        boolean inList = false;
        for (String line : log.split("\n")) {
            String message = line.contains("| ") ? line.substring(line.lastIndexOf("| ") + 2) : line;
            if (message.startsWith("Refreshing bundles:")) {
                inList = true;
            } else if (inList && message.startsWith("    ")) {
                if (!message.contains("(Bundle will be uninstalled)")) {
                    out.add(message.trim());
                }
            } else {
                inList = false;
            }
        }
        return out;
    }

    private Bundle find(String bsn) {
        for (Bundle b : bundleContext.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(bsn + " not installed");
    }

    private int consumed(List<UUID> ids) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM testmodule.consumed WHERE entry_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
