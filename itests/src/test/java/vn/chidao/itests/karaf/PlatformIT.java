package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collection;
import java.util.Map;

import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.sql.DataSource;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import vn.chidao.itests.support.Http;

/** Health, catalogue, OpenAPI, problem answers, first administrator and the Karaf realm. */
public class PlatformIT extends ChidaoTestSupport {

    @Test(timeout = 60_000)
    public void healthReportsTheExternalPostgres17AndEveryMigration() throws Exception {
        Http.Res r = http.get("/api/v1/health", null);
        assertEquals(200, r.status());
        assertTrue(r.body(), r.body().contains("\"version\":\"17."));
        assertTrue(r.body(), r.body().contains("\"localeProvider\":\"icu\""));
        assertTrue(r.body(), r.body().contains("\"encoding\":\"UTF8\""));
        assertTrue(r.body(), r.body().contains("\"locale\":\"vi-VN\""));
        // what the server lacks is listed with what to do; PostgreSQL 17 with ICU vi-VN lacks nothing
        assertTrue(r.body(), r.body().contains("\"notices\":[]"));
        assertTrue(r.body(), r.body().matches(".*\"schema\":\"platform\"[^}]*\"status\":\"READY\".*"));
        assertTrue(r.body(), r.body().matches(".*\"schema\":\"testmodule\"[^}]*\"status\":\"READY\".*"));
        // external mode: exactly one DataSource, from pax-jdbc-config; the embedded database stood aside
        Collection<ServiceReference<DataSource>> all = bundleContext.getServiceReferences(DataSource.class, null);
        assertEquals(1, all.size());
        ServiceReference<DataSource> ref = all.iterator().next();
        assertNull("embedded database must not run", ref.getProperty("chidao.datasource"));
        DataSource ds = bundleContext.getService(ref);
        try (Connection c = ds.getConnection()) {
            assertTrue(c.getMetaData().getURL(), c.getMetaData().getURL().contains(":55601/chidao"));
        }
        assertFalse(Files_exists(System.getProperty("karaf.data") + "/pgdata"));
    }

    private static boolean Files_exists(String p) {
        return java.nio.file.Files.exists(java.nio.file.Paths.get(p));
    }

    @Test(timeout = 60_000)
    public void databaseHasVietnameseSearchTooling() throws Exception {
        DataSource ds = bundleContext.getService(bundleContext.getServiceReferences(DataSource.class, null).iterator().next());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_tsvector('platform.vietnamese', 'Nghị quyết Đảng ủy')"
                     + " @@ plainto_tsquery('platform.vietnamese', 'nghi quyet dang uy'),"
                     + " platform.unaccent('Đắk R''Lấp'), 'Ă' < 'B' COLLATE platform.vi,"
                     + " (SELECT data_type FROM information_schema.columns WHERE table_schema = 'platform'"
                     + "  AND table_name = 'journal' AND column_name = 'occurred_at')")) {
            rs.next();
            assertTrue("search must ignore diacritics", rs.getBoolean(1));
            assertEquals("Dak R'Lap", rs.getString(2));
            assertTrue(rs.getBoolean(3));
            assertEquals("timestamp with time zone", rs.getString(4));
        }
    }

    @Test(timeout = 60_000)
    public void catalogueListsActiveModules() {
        Http.Res r = http.get("/api/v1/modules", null);
        assertEquals(200, r.status());
        assertTrue(r.body(), r.body().contains("\"name\":\"testmodule\""));
        assertTrue(r.body(), r.body().contains("\"restBase\":\"/api/v1/testmodule\""));
        assertTrue(r.body(), r.body().contains("\"state\":\"READY\""));
    }

    @Test(timeout = 60_000)
    public void everyErrorUnderApiIsProblemJson() throws Exception {
        String token = adminToken();
        assertProblem(http.get("/api/v1/no-such-thing", token), 404, "not-found");
        assertProblem(http.get("/api/nothing/here", null), 404, "not-found");
        assertProblem(http.get("/api/v1/testmodule/nothing", token), 404, "not-found");
        assertProblem(http.send("DELETE", "/api/v1/health", null, Map.of()), 405, "method-not-allowed");
        assertProblem(http.send("GET", "/api/v1/modules", null, Map.of("Accept", "text/html")), 406, "not-acceptable");
        assertProblem(http.send("POST", "/api/v1/testmodule/notes", "text", Map.of("Content-Type", "text/plain",
                "Authorization", "Bearer " + token)), 415, "unsupported-media-type");
        int before = notes();
        assertProblem(http.postJson("/api/v1/testmodule/notes", "{\"text\": ", token), 400, "malformed-json");
        assertProblem(http.postJson("/api/v1/testmodule/notes", "{\"text\": 12}", token), 400, "malformed-json");
        assertProblem(http.postJson("/api/v1/testmodule/notes", "{\"text\": \"x\", \"extra\": 1}", token), 400, "malformed-json");
        assertProblem(http.postJson("/api/v1/testmodule/notes", "[1,2]", token), 400, "malformed-json");
        assertProblem(http.postJson("/api/v1/testmodule/notes", "{\"text\": \"\"}", token), 400, "invalid-note");
        // 413: declared length over the limit (64 KiB in the suite), and a chunked body that crosses it
        String big = "{\"text\": \"" + "a".repeat(70_000) + "\"}";
        assertProblem(http.postJson("/api/v1/testmodule/notes", big, token), 413, "payload-too-large");
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + HTTP + "/api/v1/testmodule/notes"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue("chunked request expected", chunked.request().headers().firstValue("Content-Length").isEmpty());
        assertEquals(chunked.body(), 413, chunked.statusCode());
        assertTrue(chunked.body(), chunked.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("nothing stored by refused requests", before, notes());
        // English when asked
        Http.Res en = http.send("GET", "/api/v1/nope", null, Map.of("Accept-Language", "en-US,en;q=0.9"));
        assertTrue(en.body(), en.body().contains("\"title\":\"Not found\""));
        // unauthenticated and unknown-token calls
        assertProblem(http.get("/api/v1/journal", null), 401, "unauthenticated");
        assertProblem(http.get("/api/v1/journal", "forged-token"), 401, "unauthenticated");
    }

    private int notes() throws Exception {
        DataSource ds = bundleContext.getService(bundleContext.getServiceReferences(DataSource.class, null).iterator().next());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM testmodule.note")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test(timeout = 60_000)
    public void requestsJettyCannotParseGetAProblemAnswerToo() throws Exception {
        assertProblem(http.get("/api/v1/registry/documents/%00", null), 400, "malformed-request");
        assertProblem(http.get("/api/v1/health/%2e%2e%2f%00", null), 400, "malformed-request");
        // a request line that is not HTTP at all, on a raw socket
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", HTTP)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer, answer.startsWith("HTTP/1.1 400 "));
            assertTrue(answer, answer.contains("Content-Type: application/problem+json"));
            assertTrue(answer, answer.contains("\"type\":\"urn:chidao:problem:malformed-request\""));
            assertFalse(answer, answer.contains("<h1>"));
        }
    }

    static void assertProblem(Http.Res r, int status, String kind) {
        assertEquals(r.body(), status, r.status());
        assertTrue(r.contentType(), r.contentType().startsWith("application/problem+json"));
        assertTrue(r.body(), r.body().contains("\"type\":\"urn:chidao:problem:" + kind + "\""));
        assertTrue(r.body(), r.body().contains("\"status\":" + status));
        assertFalse(r.body(), r.body().contains("Exception") || r.body().contains("<html") || r.body().contains("\tat "));
    }

    @Test(timeout = 60_000)
    public void openApiDocumentsEveryPublishedResourceMethod() throws Exception {
        String doc = http.get("/api/v1/openapi.json", null).body();
        ServiceReference<?>[] refs = bundleContext.getAllServiceReferences(null, "(chidao.rest.module=*)");
        assertNotNull(refs);
        int checked = 0;
        for (ServiceReference<?> ref : refs) {
            String module = (String) ref.getProperty("chidao.rest.module");
            Object resource = bundleContext.getService(ref);
            Path classPath = resource.getClass().getAnnotation(Path.class);
            for (Class<?> i : resource.getClass().getInterfaces()) {
                classPath = classPath != null ? classPath : i.getAnnotation(Path.class);
            }
            String base = "/api/v1" + ("platform".equals(module) ? "" : "/" + module) + path(classPath);
            for (Method impl : resource.getClass().getMethods()) {
                Method m = impl;
                for (Class<?> i : resource.getClass().getInterfaces()) {
                    try {
                        Method declared = i.getMethod(impl.getName(), impl.getParameterTypes());
                        m = verb(m) == null ? declared : m;
                    } catch (NoSuchMethodException notInInterface) {
                        // the implementation's own method
                    }
                }
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                String p = (base + path(m.getAnnotation(Path.class))).replaceAll("/+", "/");
                if (p.length() > 1 && p.endsWith("/")) {
                    p = p.substring(0, p.length() - 1);
                }
                int at = doc.indexOf("\"" + p + "\":{");
                assertTrue("OpenAPI lacks " + verb + " " + p, at >= 0);
                String op = doc.substring(at, Math.min(doc.length(), at + 20_000));
                assertTrue("OpenAPI lacks " + verb + " " + p, op.contains("\"" + verb.toLowerCase() + "\":{"));
                checked++;
            }
        }
        assertTrue("resources found: " + checked, checked >= 10);
        assertTrue("interface-declared endpoints are documented", doc.contains("\"/api/v1/testmodule/directions/public\""));
    }

    private static String path(Path p) {
        if (p == null) {
            return "";
        }
        String v = p.value().replaceAll("\\{([^:}]+):[^}]*}", "{$1}");
        return "/".equals(v) ? "" : (v.startsWith("/") ? v : "/" + v);
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    @Test(timeout = 60_000)
    public void firstAdministratorHasAOneTimePasswordThatMustBeChanged() throws Exception {
        adminToken();
        String perms = System.getProperty("chidao.it.otpFilePerms");
        assertTrue(perms, perms.contains("OWNER_READ") && perms.contains("OWNER_WRITE")
                && !perms.contains("GROUP") && !perms.contains("OTHERS"));
        assertEquals("true", System.getProperty("chidao.it.otpMustChange"));
        assertEquals("403", System.getProperty("chidao.it.otpJournalStatus"));
        assertEquals("password change revokes the session", "401", System.getProperty("chidao.it.otpAfterChange"));
        assertEquals("true", System.getProperty("chidao.it.otpFileGone"));
        assertEquals("401", System.getProperty("chidao.it.otpReuse"));
        assertEquals("the one-time password never reaches karaf.log", "false", System.getProperty("chidao.it.otpInLog"));
        assertEquals("an administrator without a second factor can only enrol one", "403",
                System.getProperty("chidao.it.adminSetupJournalStatus"));
        // weak new password refused
        String token = adminToken();
        Http.Res weak = http.postJson("/api/v1/session/password", "{\"oldPassword\":\"" + ADMIN_PASSWORD
                + "\",\"newPassword\":\"short\"}", token);
        assertProblem(weak, 400, "weak-password");
        // the password is stored as an Argon2id hash, never in clear
        DataSource ds = bundleContext.getService(bundleContext.getServiceReferences(DataSource.class, null).iterator().next());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.password_hash, l.handed_over_at IS NOT NULL FROM account.person p"
                     + " JOIN platform.local_user l ON l.id = p.id WHERE p.username = 'admin'")) {
            assertTrue("the first administrator is an ordinary account now", rs.next());
            assertTrue(rs.getString(1).startsWith("$argon2id$v=19$m="));
            assertTrue("the foundation no longer accepts it", rs.getBoolean(2));
        }
    }

    @Test(timeout = 60_000)
    public void browserSessionsNeedTheCsrfTokenForChanges() throws Exception {
        adminToken();
        Http.Res login = loginAnswer("admin", ADMIN_PASSWORD, System.getProperty("chidao.it.adminTotp"));
        String cookie = login.header("Set-Cookie");
        assertTrue(cookie, cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
        String session = cookie.substring(0, cookie.indexOf(';'));
        String csrf = Http.field(login.body(), "csrfToken");
        assertEquals(200, http.send("GET", "/api/v1/journal", null, Map.of("Cookie", session)).status());
        Http.Res without = http.send("POST", "/api/v1/testmodule/notes", "{\"text\":\"csrf\"}",
                Map.of("Cookie", session, "Content-Type", "application/json"));
        assertProblem(without, 403, "csrf");
        Http.Res with = http.send("POST", "/api/v1/testmodule/notes", "{\"text\":\"csrf\"}",
                Map.of("Cookie", session, "Content-Type", "application/json", "X-CSRF-Token", csrf));
        assertEquals(with.body(), 201, with.status());
    }

    @Test(timeout = 60_000)
    public void karafRealmAcceptsOnlyChidaoAdministrators() throws Exception {
        adminToken();
        assertFalse("karaf/karaf must never work", jaasLogin("karaf", "karaf"));
        assertFalse(jaasLogin("admin", "wrong-password-123"));
        // ssh has one password field: an administrator types the second-factor code right after the password
        assertFalse("the password alone is not enough", jaasLogin("admin", ADMIN_PASSWORD));
        assertTrue(jaasLogin("admin", ADMIN_PASSWORD + currentCode("admin", System.getProperty("chidao.it.adminTotp"))));
        assertFalse("a clerk never gets into the shell", jaasLogin("vanthu.vptu", demoPassword()));
        // SSH and JMX listen on loopback only
        assertEquals("127.0.0.1", config("org.apache.karaf.shell", "sshHost"));
        assertEquals("127.0.0.1", config("org.apache.karaf.management", "rmiRegistryHost"));
        assertEquals("127.0.0.1", config("org.apache.karaf.management", "rmiServerHost"));
        // the CXF service list is hidden
        Http.Res list = http.get("/api/", null);
        assertFalse(list.body(), list.body().contains("Available RESTful services"));
        // no web console installed here; the Felix one would be behind the admin role
        for (Bundle b : bundleContext.getBundles()) {
            assertFalse(b.getSymbolicName(), b.getSymbolicName().contains("webconsole"));
        }
    }

    private static boolean jaasLogin(String user, String password) {
        try {
            LoginContext lc = new LoginContext("karaf", callbacks -> {
                for (var cb : callbacks) {
                    if (cb instanceof NameCallback n) {
                        n.setName(user);
                    } else if (cb instanceof PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    }
                }
            });
            lc.login();
            boolean admin = lc.getSubject().getPrincipals().stream().anyMatch(p -> p.getName().equals("admin")
                    && p.getClass().getSimpleName().equals("RolePrincipal"));
            lc.logout();
            return admin;
        } catch (LoginException e) {
            return false;
        }
    }

}
