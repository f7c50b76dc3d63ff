package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.AfterClass;
import org.junit.Test;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.KarafProcess;
import vn.chidao.itests.support.TestDatabase;
import vn.chidao.itests.support.TotpCodes;

/**
 * Issue 8, item 1: updating a module costs no request. Clients call the registry and the account module
 * in two loops (a request every 50 ms each) while a system administrator, over ssh, updates the account bundle, the
 * registry bundle, both API bundles (with the refresh that rewires their users) and reinstalls the registry
 * feature. Every request must succeed; the test prints how many it sent and the longest answer time.
 */
public class ModuleUpdateIT {

    private static final String ADMIN = "quantri.hethong";
    private static KarafProcess node;

    @AfterClass
    public static void stop() throws Exception {
        KarafProcess.stop(node);
    }

    @Test(timeout = 600_000)
    public void updatingModulesCostsNoRequest() throws Exception {
        String db = "chidao_update";
        DataSource ds = TestDatabase.dataSource(db);
        node = KarafProcess.unpack("update", 60).external(db).set("etc/vn.chidao.account.cfg", "demo", "true").start();
        node.awaitUp(Duration.ofSeconds(150));
        String password = KarafProcess.awaitPassword("demo-passwords.txt", node);
        Http http = node.http();
        // the password file is written as the seed starts: wait for the people to be there
        assertTrue("the demo clerk can log in", Http.await(Duration.ofSeconds(60), () -> http.postJson("/api/v1/session",
                "{\"username\":\"vanthu.vptu\",\"password\":\"" + password + "\"}", null).status() == 200));
        String clerk = token(http.postJson("/api/v1/session", "{\"username\":\"vanthu.vptu\",\"password\":\"" + password + "\"}", null));
        assertTrue("the registry answers the clerk", Http.await(Duration.ofSeconds(60),
                () -> http.get("/api/v1/registry/documents", clerk).status() == 200));
        String setup = token(http.postJson("/api/v1/session", "{\"username\":\"" + ADMIN + "\",\"password\":\"" + password + "\"}", null));
        Http.Res start = http.postJson("/api/v1/account/me/totp", "{}", setup);
        assertEquals(start.body(), 200, start.status());
        String secret = Http.field(start.body(), "secret");
        assertEquals(204, http.postJson("/api/v1/account/me/totp/confirm", "{\"code\":\"" + TotpCodes.now(secret) + "\"}", setup).status());

        Clients clients = new Clients(http, clerk);
        clients.start();
        try (SshClient ssh = SshClient.setUpDefaultClient()) {
            ssh.start();
            for (String command : List.of(
                    "bundle:update vn.chidao.account " + rebuilt("chidao-account"),
                    "bundle:update vn.chidao.registry " + rebuilt("chidao-registry"),
                    "bundle:update vn.chidao.account.api " + rebuilt("chidao-account-api") + "; bundle:refresh vn.chidao.account.api",
                    "bundle:update vn.chidao.registry.api " + rebuilt("chidao-registry-api") + "; bundle:refresh vn.chidao.registry.api",
                    "feature:uninstall chidao-registry; feature:install chidao-registry")) {
                int before = clients.sent.get();
                String out = shell(ssh, ds, password, secret, command);
                System.out.println("[module-update] " + command + " -> " + out.strip());
                // let the clients run against the new bundles for a while before the next step
                assertTrue("the clients keep going after: " + command, Http.await(Duration.ofSeconds(60),
                        () -> clients.sent.get() > before + 100 && clients.healthy(http)));
            }
        } finally {
            clients.stop();
        }
        System.out.printf("[module-update] %d requests (registry %d, account %d), %d failed, longest answer %d ms%n",
                clients.sent.get(), clients.perModule[0].get(), clients.perModule[1].get(), clients.failures.size(),
                clients.longestMillis.get());
        List<String> failed = new ArrayList<>(clients.failures);
        failed.stream().limit(20).forEach(f -> System.out.println("[module-update] failed: " + f));
        assertEquals("failed requests (first: " + failed.stream().findFirst().orElse("") + ")", 0, failed.size());
        assertTrue("both modules were called", clients.perModule[0].get() > 100 && clients.perModule[1].get() > 100);
        assertEquals(List.of(), node.unexpectedErrors());
    }

    /** A changed but compatible build of a bundle: the built jar plus one entry, as a file: URL. */
    private static String rebuilt(String artifactId) throws IOException {
        Path out = node.home.resolve(artifactId + "-rebuilt.jar");
        try (ZipInputStream in = new ZipInputStream(
                Files.newInputStream(KarafProcess.artifact(artifactId, ".jar")));
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("META-INF/chidao-rebuilt.txt"));
            zip.write(Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toUri().toString();
    }

    private static String token(Http.Res login) {
        assertEquals(login.body(), 200, login.status());
        return Http.field(login.body(), "token");
    }

    /** Runs a shell command as the system administrator (password + a fresh TOTP code) and returns its output. */
    private static String shell(SshClient ssh, DataSource ds, String password, String secret, String command) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE account.person SET totp_last_step = 0 WHERE username = ?")) {
            ps.setString(1, ADMIN); // the code of this 30 s step may be used again
            ps.executeUpdate();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientSession s = ssh.connect(ADMIN, "127.0.0.1", node.sshPort).verify(10, TimeUnit.SECONDS).getSession()) {
            s.addPasswordIdentity(password + TotpCodes.now(secret));
            s.auth().verify(20, TimeUnit.SECONDS);
            try (ChannelExec channel = s.createExecChannel(command)) {
                channel.setIn(new ByteArrayInputStream(new byte[0]));
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(10, TimeUnit.SECONDS);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(120));
                assertEquals(command + ": " + out.toString(StandardCharsets.UTF_8), Integer.valueOf(0), channel.getExitStatus());
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Two client loops, one per module, each sending a request every 50 ms plus the answer time. */
    static final class Clients {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger[] perModule = {new AtomicInteger(), new AtomicInteger()};
        final AtomicLong longestMillis = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Clients(Http http, String token) {
            String[] paths = {"/api/v1/registry/documents", "/api/v1/account/me"};
            for (int i = 0; i < paths.length; i++) {
                int module = i;
                threads.add(new Thread(() -> {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        Http.Res r = http.get(paths[module], token);
                        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                        longestMillis.accumulateAndGet(ms, Math::max);
                        sent.incrementAndGet();
                        perModule[module].incrementAndGet();
                        if (r.status() != 200) {
                            String body = r.body() == null ? "" : r.body();
                            failures.add(Instant.now() + " " + paths[module] + " -> " + r.status() + " "
                                    + body.substring(0, Math.min(160, body.length())));
                        }
                        pace(50);
                    }
                }, "client-" + paths[module]));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }

        boolean healthy(Http http) {
            return http.get("/api/v1/health", null).body().contains("\"status\":\"UP\"");
        }

        private static void pace(long millis) {
            try {
                Thread.sleep(millis); // pacing the load, not timing an assertion
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
