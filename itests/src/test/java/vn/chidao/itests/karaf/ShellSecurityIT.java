package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.Http;

/**
 * The Karaf shell and JMX as a hostile agency administrator or clerk would try them, over a real ssh
 * client and a real JMX connector: every Karaf command scope is closed to them (deny by default), only
 * their chidao:* commands run, JMX is closed to them; a system administrator still runs everything.
 * Open ssh sessions end, and JMX connections lose their rights, when the account behind them is locked
 * or loses its role; failed ssh logins count against the client's address.
 */
public class ShellSecurityIT extends ChidaoTestSupport {

    private static final String AGENCY_ADMIN = "quantri.vptu";
    private static final String CLERK = "vanthu.vptu";
    /** A loopback address no other test logs in from, so that throttling it disturbs nobody. */
    private static final String THROTTLED_FROM = "127.0.0.2";

    private final String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    /** A file only system administrators may read: stands for data/pg-superuser-password. */
    private Path secret() throws IOException {
        Path file = Paths.get(System.getProperty("karaf.data"), "shell-secret-" + tag + ".txt").toAbsolutePath();
        Files.writeString(file, marker() + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private String marker() {
        return "noi-dung-mat-" + tag;
    }

    private Path data(String name) {
        return Paths.get(System.getProperty("karaf.data"), name + "-" + tag).toAbsolutePath();
    }

    /** Every Karaf scope an agency administrator must not reach, as they would try it. */
    private List<String> forbidden(Path secret) {
        String instance = "shellsec" + tag;
        return List.of(
                "shell:cat " + secret,
                "shell:head " + secret,
                "shell:grep . " + secret,
                "shell:source " + secret,
                "shell:ls " + secret.getParent(),
                "shell:tac -f " + data("tac"),
                "shell:exec echo " + marker(),
                "shell:java java.lang.System",
                "shell:new java.io.File " + secret,
                "($.context getProperty karaf.home)",
                "chidao:user-list > " + data("redirect"),
                "instance:list",
                "instance:create " + instance,
                "log:display",
                "log:set DEBUG vn.chidao.shelltest",
                "config:list",
                "config:property-set -p vn.chidao.shelltest owned yes",
                "bundle:list",
                "bundle:headers 0",
                "feature:list",
                "feature:repo-list",
                "kar:list",
                "jaas:realm-list",
                "system:version",
                "system:property karaf.home",
                "chidao:agency-add XX \"Không được\" --level province");
    }

    private SshClient client() {
        SshClient client = SshClient.setUpDefaultClient();
        client.start();
        return client;
    }

    /** The demo agency administrator, with a second factor enrolled once per suite (the shell requires one). */
    private String agencyAdminSecret() throws IOException {
        String key = "chidao.it.totp." + AGENCY_ADMIN;
        if (System.getProperty(key) == null) {
            System.setProperty(key, enrolTotp(login(AGENCY_ADMIN, demoPassword(), null)));
        }
        return System.getProperty(key);
    }

    private SshShell.Result asAgencyAdmin(SshClient client, String command) throws IOException {
        return SshShell.exec(client, AGENCY_ADMIN, demoPassword() + currentCode(AGENCY_ADMIN, agencyAdminSecret()), command);
    }

    @Test(timeout = 300_000)
    public void anAgencyAdministratorRunsTheirChidaoCommandsAndNothingElse() throws Exception {
        Path secret = secret();
        try (SshClient client = client()) {
            SshShell.Result people = asAgencyAdmin(client, "chidao:user-list");
            assertTrue(people.toString(), people.ok() && people.out().contains(CLERK));
            assertTrue(asAgencyAdmin(client, "chidao:agency-list").ok());
            for (String command : forbidden(secret)) {
                SshShell.Result r = asAgencyAdmin(client, command);
                assertFalse(command + " must be refused: " + r, r.ok());
                assertFalse(command + " must not print the file: " + r, r.out().contains(marker()) || r.err().contains(marker()));
            }
            // and nothing those commands would have done happened
            assertFalse(Files.exists(data("tac")));
            assertFalse(Files.exists(data("redirect")));
            assertFalse(Files.exists(Paths.get(System.getProperty("karaf.home"), "instances", "shellsec" + tag)));
            ConfigurationAdmin ca = bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
            assertNull(ca.listConfigurations("(service.pid=vn.chidao.shelltest)"));
            // at a terminal too: the session starts cleanly and runs their commands
            try (ClientSession s = SshShell.open(client, AGENCY_ADMIN, demoPassword() + currentCode(AGENCY_ADMIN,
                    agencyAdminSecret())); SshShell.Terminal t = new SshShell.Terminal(s)) {
                t.type("shell:cat " + secret);
                t.type("chidao:user-list");
                assertTrue(t.screen(), t.shows(CLERK, Duration.ofSeconds(20)));
                assertFalse(t.screen(), t.screen().contains(marker()));
                assertFalse("the login scripts run for agency administrators too: " + t.screen(), t.screen().contains("Error"));
            }
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    @Test(timeout = 120_000)
    public void aClerkNeverGetsAShell() throws Exception {
        Path secret = secret();
        try (SshClient client = client()) {
            SshShell.assertRefused(client, CLERK, demoPassword());
            try {
                String out = SshShell.run(client, CLERK, demoPassword(), "shell:cat " + secret);
                fail("a clerk ran a command: " + out);
            } catch (IOException refused) {
                assertFalse(refused.toString().contains(marker()));
            }
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    private SshShell.Result asSystemAdmin(SshClient client, String command) throws IOException {
        return SshShell.exec(client, "admin", ADMIN_PASSWORD + currentCode("admin", System.getProperty("chidao.it.adminTotp")),
                command);
    }

    @Test(timeout = 180_000)
    public void aSystemAdministratorStillRunsEveryScope() throws Exception {
        adminToken();
        Path secret = secret();
        try (SshClient client = client()) {
            SshShell.Result cat = asSystemAdmin(client, "shell:cat " + secret);
            assertTrue(cat.toString(), cat.ok() && cat.out().contains(marker()));
            SshShell.Result exec = asSystemAdmin(client, "shell:exec echo " + marker());
            assertTrue(exec.toString(), exec.ok() && exec.out().contains(marker()));
            for (String command : List.of("instance:list", "log:get", "config:list \"(service.pid=org.apache.karaf.shell)\"",
                    "bundle:list", "feature:list -i", "kar:list", "jaas:realm-list", "system:version",
                    "($.context getProperty karaf.home)", "chidao:agency-list")) {
                SshShell.Result r = asSystemAdmin(client, command);
                assertTrue(command + ": " + r, r.ok());
            }
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    @Test(timeout = 120_000)
    public void jmxIsForSystemAdministratorsOnly() throws Exception {
        adminToken();
        try {
            jmx(AGENCY_ADMIN, demoPassword() + currentCode(AGENCY_ADMIN, agencyAdminSecret())).close();
            fail("an agency administrator connected over JMX");
        } catch (SecurityException refused) {
            // expected
        }
        try (JMXConnector c = jmx("admin", ADMIN_PASSWORD + currentCode("admin", System.getProperty("chidao.it.adminTotp")))) {
            Object uptime = c.getMBeanServerConnection().getAttribute(new ObjectName("java.lang:type=Runtime"), "Uptime");
            assertTrue(((Long) uptime) > 0);
        }
    }

    @Test(timeout = 120_000)
    public void aJmxConnectionLosesItsRightsWhenItsAccountIsLocked() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        AccountFixture.Person admin = fx.person("hethong", null, "system-admin");
        ObjectName runtime = new ObjectName("java.lang:type=Runtime");
        try (JMXConnector c = jmx(admin.username(), AccountFixture.PASSWORD + currentCode(admin.username(), admin.totpSecret()))) {
            MBeanServerConnection mbeans = c.getMBeanServerConnection();
            assertTrue((Long) mbeans.getAttribute(runtime, "Uptime") > 0);
            fx.ok(200, http.postJson("/api/v1/account/users/" + admin.id() + "/lock", "{\"reason\":\"nghỉ việc\"}", fx.admin()));
            assertTrue("the connection keeps its rights", Http.await(Duration.ofSeconds(30), () -> refused(mbeans, runtime)));
        }
    }

    private static boolean refused(MBeanServerConnection mbeans, ObjectName name) {
        try {
            mbeans.getAttribute(name, "Uptime");
            return false;
        } catch (SecurityException e) {
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JMXConnector jmx(String user, String password) throws Exception {
        String pid = "org.apache.karaf.management";
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + config(pid, "rmiServerPort") + "/jndi/rmi://127.0.0.1:"
                + config(pid, "rmiRegistryPort") + "/karaf-" + System.getProperty("karaf.name"));
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    @Test(timeout = 120_000)
    public void anOpenSessionEndsWhenItsAccountIsLocked() throws Exception {
        assertOpenSessionEndsWhen("Ban Thử nghiệm Khóa shell", (fx, admin) -> fx.ok(200, http.postJson(
                "/api/v1/account/users/" + admin.id() + "/lock", "{\"reason\":\"nghỉ việc\"}", fx.admin())));
    }

    @Test(timeout = 120_000)
    public void anOpenSessionEndsWhenTheAdministratorRoleIsRevoked() throws Exception {
        assertOpenSessionEndsWhen("Ban Thử nghiệm Thu hồi shell", (fx, admin) -> {
            JsonNode grants = fx.ok(200, http.get("/api/v1/account/users/" + admin.id() + "/grants", fx.admin()));
            String grant = StreamSupport.stream(grants.spliterator(), false)
                    .filter(g -> g.path("role").asText().equals("agency-admin")).findFirst().orElseThrow().path("id").asText();
            fx.ok(200, http.postJson("/api/v1/account/grants/" + grant + "/revoke", "{\"reason\":\"chuyển công tác\"}", fx.admin()));
        });
    }

    interface AccountChange {
        void apply(AccountFixture fx, AccountFixture.Person admin) throws Exception;
    }

    /** An agency admin's open ssh session, working; then the change; then the guard closes the session. */
    private void assertOpenSessionEndsWhen(String agencyName, AccountChange change) throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency(agencyName, null, "province");
        AccountFixture.Person admin = fx.person("quantri", x, "agency-admin");
        try (SshClient client = client(); ClientSession s = SshShell.open(client, admin.username(),
                AccountFixture.PASSWORD + currentCode(admin.username(), admin.totpSecret()))) {
            SshShell.Terminal t = new SshShell.Terminal(s);
            t.type("chidao:user-list");
            assertTrue(t.screen(), t.shows(admin.username(), Duration.ofSeconds(20)));
            change.apply(fx, admin);
            assertClosedSoon(s, t);
        }
    }

    /** The node re-checks open sessions every few seconds: a bounded wait, then the terminal is gone. */
    private static void assertClosedSoon(ClientSession s, SshShell.Terminal t) {
        assertTrue("the session must be closed", s.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), Duration.ofSeconds(30))
                .contains(ClientSessionEvent.CLOSED));
        assertTrue(t.closed());
    }

    @Test(timeout = 240_000)
    public void failedSshLoginsThrottleTheAddress() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        UUID x = fx.agency("Ban Thử nghiệm Chặn địa chỉ", null, "province");
        AccountFixture.Person admin = fx.person("quantri", x, "agency-admin");
        sql("DELETE FROM account.address_failure WHERE address = ?", THROTTLED_FROM);
        try (SshClient client = client()) {
            for (int i = 0; i < 30; i++) {
                SshShell.assertRefused(client, "khong.ton.tai." + tag + "." + i, "Sai-mật-khẩu-hoàn-toàn", THROTTLED_FROM);
            }
            assertTrue("failed ssh logins are counted with their address", count("SELECT count(*) FROM platform.journal"
                    + " WHERE action = 'account.login-failed' AND payload->>'remoteAddress' = '" + THROTTLED_FROM + "'") >= 30);
            // now even the right password and code are refused from that address ...
            SshShell.assertRefused(client, admin.username(), AccountFixture.PASSWORD + currentCode(admin.username(),
                    admin.totpSecret()), THROTTLED_FROM);
            // ... while the account itself is not locked: from another address it gets in
            assertTrue(SshShell.exec(client, admin.username(), AccountFixture.PASSWORD + currentCode(admin.username(),
                    admin.totpSecret()), "chidao:user-list").ok());
        } finally {
            sql("DELETE FROM account.address_failure WHERE address = ?", THROTTLED_FROM);
        }
    }
}
