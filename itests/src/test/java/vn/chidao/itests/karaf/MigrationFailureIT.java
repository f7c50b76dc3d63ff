package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;

import vn.chidao.itests.support.Http;

/** A module whose migration fails: nothing half-applied, FAILED in health with the reason, no endpoints. */
public class MigrationFailureIT extends ChidaoTestSupport {

    @Inject
    @Filter("(osgi.jndi.service.name=chidao)")
    DataSource dataSource;

    @Test(timeout = 120_000)
    public void failedMigrationLeavesNothingHalfAppliedAndShowsInHealth() throws Exception {
        expectError("broken");
        Bundle b = bundleContext.installBundle("itest:broken", new ByteArrayInputStream(brokenModule()));
        try {
            b.start();
            assertTrue(Http.await(Duration.ofSeconds(60), () -> http.get("/api/v1/health", null).body()
                    .matches(".*\"schema\":\"broken\"[^}]*\"status\":\"FAILED\".*")));
            Http.Res health = http.get("/api/v1/health", null);
            assertTrue(health.body(), health.body().contains("\"status\":\"DEGRADED\""));
            assertTrue(health.body(), health.body().contains("no_such_function"));
            assertFalse(http.get("/api/v1/modules", null).body().contains("\"name\":\"broken\""));
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'broken'"
                         + " AND table_name IN ('first', 'second')")) {
                rs.next();
                assertEquals("V1 and V2 ran in one transaction: neither table exists", 0, rs.getInt(1));
            }
        } finally {
            b.uninstall();
        }
        assertTrue("health recovers once the broken module is gone", Http.await(Duration.ofSeconds(30),
                () -> http.get("/api/v1/health", null).body().startsWith("{\"status\":\"UP\"")));
    }

    private static byte[] brokenModule() throws Exception {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "vn.chidao.itest.broken");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Chidao-Module", "broken");
        a.putValue("Chidao-Migrations", "db/broken");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.putNextEntry(new JarEntry("db/"));
            jar.putNextEntry(new JarEntry("db/broken/"));
            jar.putNextEntry(new JarEntry("db/broken/V1__first.sql"));
            jar.write("CREATE TABLE broken.first (x int);".getBytes(StandardCharsets.UTF_8));
            jar.putNextEntry(new JarEntry("db/broken/V2__second.sql"));
            jar.write("CREATE TABLE broken.second (x int);\nSELECT no_such_function();".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
