package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.KarafProcess;
import vn.chidao.itests.support.OpenApiConformance;
import vn.chidao.itests.support.TestDatabase;
import vn.chidao.itests.support.TotpCodes;

/**
 * Base of the Pax Exam suite: the assembled distribution, booted once for all classes, pointed at the
 * test run's PostgreSQL through the external datasource configuration, JVM zone far from +07:00.
 * Every test fails if the container logged an ERROR it did not declare with {@link #expectError}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public abstract class ChidaoTestSupport {

    static final int HTTP = 18181;
    static final String ADMIN_PASSWORD = "Quản-trị-Thử-nghiệm-2026";
    private static final List<String> EXPECTED = new CopyOnWriteArrayList<>();

    @Inject
    protected BundleContext bundleContext;

    /** The suite's client: every exchange is checked against the live OpenAPI document. */
    protected final Http http = new Http("http://127.0.0.1:" + HTTP, new OpenApiConformance("http://127.0.0.1:" + HTTP));

    @Configuration
    public Option[] config() {
        String db = "jdbc:postgresql://127.0.0.1:" + TestDatabase.port() + "/chidao";
        TestDatabase.database("chidao");
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String ds = "etc/org.ops4j.datasource-chidao.cfg";
        return options(
                karafDistributionConfiguration()
                        .frameworkUrl(maven("vn.chidao", "chidao-distribution").type("zip").versionAsInProject())
                        .name("Chidao").unpackDirectory(new File("target/exam")).useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(HTTP)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "18101"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "11099"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "14444"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo),
                editConfigurationFilePut(ds, "osgi.jdbc.driver.class", "org.postgresql.Driver"),
                editConfigurationFilePut(ds, "dataSourceName", "chidao"),
                editConfigurationFilePut(ds, "url", db),
                // as in production: the schema owner, not a superuser
                editConfigurationFilePut(ds, "user", TestDatabase.OWNER),
                editConfigurationFilePut(ds, "password", TestDatabase.OWNER_PASSWORD),
                editConfigurationFilePut(ds, "pool", "hikari"),
                editConfigurationFilePut(ds, "xa", "false"),
                editConfigurationFilePut(ds, "hikari.maximumPoolSize", "24"),
                editConfigurationFilePut("etc/vn.chidao.journal.consumers.cfg", "consumerPollMillis", "200"),
                editConfigurationFilePut("etc/vn.chidao.journal.cfg", "checkpointIntervalSeconds", "3600"),
                editConfigurationFilePut("etc/vn.chidao.rest.cfg", "maxBodyBytes", "65536"),
                // the suite runs on a seeded demo tree, as './chidao run' does
                editConfigurationFilePut("etc/vn.chidao.account.cfg", "demo", "true"),
                editConfigurationFilePut("etc/vn.chidao.registry.cfg", "demo", "true"),
                editConfigurationFilePut("etc/vn.chidao.content.cfg", "maxBytes", "2097152"),
                new VMOption("--add-reads=java.xml=java.logging"),
                new VMOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
                new VMOption("--patch-module"), new VMOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.10.jar"),
                new VMOption("--patch-module"), new VMOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.10.jar"),
                new VMOption("--add-opens"), new VMOption("java.base/java.security=ALL-UNNAMED"),
                new VMOption("--add-opens"), new VMOption("java.base/java.net=ALL-UNNAMED"),
                new VMOption("--add-opens"), new VMOption("java.base/java.lang=ALL-UNNAMED"),
                new VMOption("--add-opens"), new VMOption("java.base/java.util=ALL-UNNAMED"),
                new VMOption("--add-opens"), new VMOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
                new VMOption("--add-opens"), new VMOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
                new VMOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
                new VMOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
                new VMOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
                new VMOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
                new VMOption("--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED"),
                new VMOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
                new VMOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true"),
                new VMOption("-Duser.timezone=America/New_York"),
                new VMOption("-Xmx768m"),
                systemProperty("chidao.it.testmoduleJar").value(KarafProcess.artifact("chidao-testmodule", ".jar").toString()),
                features(maven("vn.chidao", "chidao-testmodule").classifier("features").type("xml").versionAsInProject(),
                        "chidao-testmodule"),
                // repository only: JpaIT installs it live
                features(maven("vn.chidao", "chidao-jpamodule").classifier("features").type("xml").versionAsInProject()),
                // the OpenAPI validator and parser for the probe (OpenApiConformance, OpenApiIT)
                mavenBundle("vn.chidao", "chidao-oai-check").versionAsInProject());
    }

    /** Waits for the node to be ready for HTTP tests: platform healthy and the test module's application up. */
    @Before
    public void ready() {
        assertTrue("platform not healthy", Http.await(Duration.ofSeconds(90), () -> {
            Http.Res r = http.get("/api/v1/health", null);
            return r.status() == 200 && r.body().contains("\"status\":\"UP\"") && r.body().contains("testmodule")
                    && http.get("/api/v1/account/levels", null).status() == 401 && accountAuthenticatorActive();
        }));
    }

    /** The account module's authenticator (rank 100) has taken over from the foundation's. */
    private boolean accountAuthenticatorActive() {
        org.osgi.framework.ServiceReference<?> ref = bundleContext.getServiceReference(
                vn.chidao.platform.api.auth.Authenticator.class);
        return ref != null && Integer.valueOf(100).equals(ref.getProperty("service.ranking"));
    }

    /** Declares an ERROR the current test provokes on purpose (a substring of the log line). */
    protected static void expectError(String substring) {
        EXPECTED.add(substring);
    }

    private static Path log() {
        return Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
    }

    @After
    public void noUnexpectedErrors() throws IOException {
        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        int from = Math.min(Integer.parseInt(System.getProperty("chidao.it.logmark", "0")), lines.size());
        List<String> unexpected = new ArrayList<>();
        for (String l : lines.subList(from, lines.size())) {
            if (l.contains("| ERROR |") && EXPECTED.stream().noneMatch(l::contains)) {
                unexpected.add(l);
            }
        }
        System.setProperty("chidao.it.logmark", Integer.toString(lines.size()));
        EXPECTED.clear();
        assertEquals("unexpected ERROR lines in karaf.log", List.of(), unexpected);
    }

    /** A bearer token of the first administrator, whose one-time password is changed on first use. */
    protected String adminToken() throws IOException {
        if (System.getProperty("chidao.it.adminChanged") == null) {
            changeOneTimePassword();
        }
        String cached = System.getProperty("chidao.it.adminToken");
        if (cached != null && http.get("/api/v1/session", cached).status() == 200) {
            return cached;
        }
        String token = login("admin", ADMIN_PASSWORD, System.getProperty("chidao.it.adminTotp"));
        System.setProperty("chidao.it.adminToken", token);
        return token;
    }

    /**
     * A console session token (also accepted as bearer). With a TOTP secret, the code of the current
     * step is sent; the person's last used step is cleared first, because the server refuses a code
     * twice (RFC 6238 §5.2) and tests log in more often than every 30 seconds.
     */
    protected String login(String username, String password, String totpSecret) throws IOException {
        Http.Res r = loginAnswer(username, password, totpSecret);
        assertEquals(r.body(), 200, r.status());
        return Http.field(r.body(), "token");
    }

    protected Http.Res loginAnswer(String username, String password, String totpSecret) throws IOException {
        return http.postJson("/api/v1/session", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\""
                + otpField(username, totpSecret) + "}", null);
    }

    /** The current code, usable again: the person's last used step is cleared. */
    protected String currentCode(String username, String totpSecret) {
        sql("UPDATE account.person SET totp_last_step = 0 WHERE username = ?", username);
        return TotpCodes.now(totpSecret);
    }

    private String otpField(String username, String totpSecret) {
        return totpSecret == null ? "" : ",\"otp\":\"" + currentCode(username, totpSecret) + "\"";
    }

    /** The password every demo person has, from the owner-only file the demo seed wrote. */
    protected static String demoPassword() throws IOException {
        return Files.readAllLines(Paths.get(System.getProperty("karaf.data"), "demo-passwords.txt")).stream()
                .filter(l -> l.startsWith("password=")).findFirst().orElseThrow().substring("password=".length());
    }

    /** Enrols a TOTP second factor for the session's person, as the console does; returns the secret. */
    protected String enrolTotp(String token) throws IOException {
        Http.Res start = http.postJson("/api/v1/account/me/totp", "{}", token);
        assertEquals(start.body(), 200, start.status());
        String secret = Http.field(start.body(), "secret");
        Http.Res confirm = http.postJson("/api/v1/account/me/totp/confirm", "{\"code\":\"" + TotpCodes.now(secret) + "\"}", token);
        assertEquals(confirm.body(), 204, confirm.status());
        return secret;
    }

    /** The node's own DataSource, for test-only SQL (data set up faster than through the API, locks, counts). */
    protected javax.sql.DataSource dataSource() {
        try {
            return bundleContext.getService(bundleContext.getServiceReferences(javax.sql.DataSource.class,
                    "(osgi.jndi.service.name=chidao)").iterator().next());
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Test-only direct SQL on the Chidao database (the node's own DataSource). */
    protected int sql(String statement, Object... params) {
        try {
            try (java.sql.Connection c = dataSource().getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(statement)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first login of the suite: records what the one-time password allowed, then changes it. */
    private synchronized void changeOneTimePassword() throws IOException {
        if (System.getProperty("chidao.it.adminChanged") != null) {
            return;
        }
        Path file = Paths.get(System.getProperty("karaf.data"), "first-admin-password.txt");
        String otp = Files.readAllLines(file).stream().filter(l -> l.startsWith("password=")).findFirst()
                .orElseThrow().substring("password=".length());
        System.setProperty("chidao.it.otpFilePerms", Files.getPosixFilePermissions(file).toString());
        Http.Res login = http.postJson("/api/v1/session", "{\"username\":\"admin\",\"password\":\"" + otp + "\"}", null);
        assertEquals(login.body(), 200, login.status());
        String token = Http.field(login.body(), "token");
        System.setProperty("chidao.it.otpMustChange", Http.field(login.body(), "mustChangePassword"));
        System.setProperty("chidao.it.otpJournalStatus", Integer.toString(http.get("/api/v1/journal", token).status()));
        Http.Res change = http.postJson("/api/v1/session/password", "{\"oldPassword\":\"" + otp + "\",\"newPassword\":\""
                + ADMIN_PASSWORD + "\"}", token);
        assertEquals(change.body(), 204, change.status());
        System.setProperty("chidao.it.otpAfterChange", Integer.toString(http.get("/api/v1/journal", token).status()));
        System.setProperty("chidao.it.otpFileGone", Boolean.toString(!Files.exists(file)));
        System.setProperty("chidao.it.otpReuse", Integer.toString(http.postJson("/api/v1/session",
                "{\"username\":\"admin\",\"password\":\"" + otp + "\"}", null).status()));
        System.setProperty("chidao.it.otpInLog", Boolean.toString(Files.readString(log()).contains(otp)));
        // an administrator's setup ends with a second factor
        String setup = login("admin", ADMIN_PASSWORD, null);
        System.setProperty("chidao.it.adminSetupJournalStatus", Integer.toString(http.get("/api/v1/journal", setup).status()));
        System.setProperty("chidao.it.adminTotp", enrolTotp(setup));
        System.setProperty("chidao.it.adminChanged", "true");
    }

    /** A property of a configuration of the node, trimmed; null if unset. */
    protected String config(String pid, String key) throws Exception {
        org.osgi.framework.ServiceReference<org.osgi.service.cm.ConfigurationAdmin> ref =
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class);
        Object v = bundleContext.getService(ref).getConfiguration(pid, null).getProperties().get(key);
        return v == null ? null : v.toString().trim();
    }

    /** Test-only: the first column of the first row of a query on the Chidao database. */
    protected long count(String query) {
        try {
            try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Moves the platform clock ({@code vn.chidao.clock}: {@code fixed} instant or {@code offsetSeconds}) and
     * waits until the node runs on it; {@code clock(null, 0)} goes back to the system clock.
     */
    protected void clock(String fixed, long offsetSeconds) throws Exception {
        org.osgi.service.cm.ConfigurationAdmin ca = bundleContext.getService(
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        java.util.Dictionary<String, Object> props = new java.util.Hashtable<>();
        props.put("fixed", fixed == null ? "" : fixed);
        props.put("offsetSeconds", offsetSeconds);
        ca.getConfiguration("vn.chidao.clock", null).update(props);
        vn.chidao.platform.api.ChidaoClock clock = bundleContext.getService(bundleContext.getServiceReference(
                vn.chidao.platform.api.ChidaoClock.class));
        java.time.Instant base = fixed == null ? null : java.time.Instant.parse(fixed);
        assertTrue(Http.await(Duration.ofSeconds(10), () -> {
            java.time.Instant expected = (base == null ? java.time.Instant.now() : base).plusSeconds(offsetSeconds);
            return Math.abs(Duration.between(expected, clock.now()).toSeconds()) < (base == null ? 5 : 1);
        }));
    }
}
