package vn.chidao.embeddeddb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL 17 under {@code data/pgdata} and publishes the one Chidao DataSource.
 * Active only while {@code etc/vn.chidao.embeddeddb.cfg} exists, and even then it stands aside when
 * the operator has configured the external datasource {@code etc/org.ops4j.datasource-chidao.cfg}:
 * exactly one DataSource named {@code chidao} exists either way.
 */
@Component(configurationPid = "vn.chidao.embeddeddb", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = EmbeddedDatabase.Config.class)
public class EmbeddedDatabase {

    @ObjectClassDefinition(name = "Chidao embedded PostgreSQL")
    public @interface Config {
        @AttributeDefinition(description = "Loopback port of the embedded PostgreSQL")
        int port() default 55432;

        @AttributeDefinition(description = "Database created for Chidao")
        String database() default "chidao";

        @AttributeDefinition(description = "Maximum pool size")
        int poolSize() default 16;
    }

    static final String EXTERNAL_CONFIG = "org.ops4j.datasource-chidao.cfg";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private EmbeddedPostgres postgres;
    private HikariDataSource pool;
    private ServiceRegistration<DataSource> registration;

    @Activate
    void activate(BundleContext context, Config config) throws IOException, SQLException {
        Path etc = Paths.get(System.getProperty("karaf.etc", "etc"));
        if (Files.exists(etc.resolve(EXTERNAL_CONFIG))) {
            LOG.warn("External datasource {} is configured: the embedded PostgreSQL is not started", EXTERNAL_CONFIG);
            return;
        }
        Path data = Paths.get(System.getProperty("karaf.data", "data"));
        long started = System.nanoTime();
        postgres = start(data, config.port(), true);
        try {
            pool = createDatabaseAndPool(postgres, config.database(), config.poolSize(), password(data));
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            postgres = null;
            throw e;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.jndi.service.name", "chidao");
        props.put("dataSourceName", "chidao");
        props.put("chidao.datasource", "embedded");
        registration = context.registerService(DataSource.class, pool, props);
        LOG.info("Embedded PostgreSQL ready on 127.0.0.1:{} in {} ms", config.port(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Deactivate
    void deactivate() throws IOException {
        if (registration != null) {
            registration.unregister();
        }
        if (pool != null) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Starts (or restarts on existing data) a durable cluster. */
    public static EmbeddedPostgres start(Path data, int port) throws IOException {
        return start(data, port, true);
    }

    /**
     * Starts (or restarts on existing data) the cluster; shared with tests. zonky's defaults suit
     * throw-away test databases only: fsync and synchronous_commit off (acknowledged commits losable on a
     * power cut) and trust authentication (any local user could connect as superuser). The platform
     * ({@code production = true}) runs durable, with SCRAM passwords: the superuser password is generated
     * at initdb into {@code data/pg-superuser-password}, readable by the owner only.
     */
    public static EmbeddedPostgres start(Path data, int port, boolean production) throws IOException {
        boolean durable = production;
        Path pgData = data.resolve("pgdata");
        Path pgBin = data.resolve("pgbin");
        Files.createDirectories(pgBin);
        stopOrphan(pgData, pgBin);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (production) {
            Path secret = data.resolve(PASSWORD_FILE);
            if (!Files.exists(secret)) {
                writeOwnerOnly(secret, randomPassword());
            }
            builder.setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("pwfile", secret.toAbsolutePath().toString())
                    .setConnectConfig("password", password(data));
        }
        return builder
                .setPort(port)
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(pgBin.toFile())
                .setPgBinaryResolver((system, arch) -> EmbeddedDatabase.class.getResourceAsStream("/postgres-linux-x86_64.txz"))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /**
     * pg_ctl daemonises postgres, so a {@code kill -9} of Karaf leaves it running and holding the port.
     * A postmaster.pid whose process still lives is such an orphan: stop it (fast shutdown) first.
     */
    static void stopOrphan(Path pgData, Path pgBin) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        String dataDir = pgData.toAbsolutePath().normalize().toString();
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> {
            String cmd = p.info().command().orElse("");
            String line = p.info().commandLine().orElse("") + " " + String.join(" ", p.info().arguments().orElse(new String[0]));
            if (!cmd.contains("postgres") || !line.contains(dataDir)) {
                return; // pid reused by another process (maybe another PostgreSQL): never touch it
            }
            LOG.warn("Stopping orphaned PostgreSQL (pid {}) left by an earlier crash", pid);
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
                p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    static final String PASSWORD_FILE = "pg-superuser-password";

    /** The superuser password of a production cluster under {@code data}, or null for a test cluster. */
    public static String password(Path data) throws IOException {
        Path secret = data.resolve(PASSWORD_FILE);
        return Files.exists(secret) ? Files.readString(secret, StandardCharsets.US_ASCII).trim() : null;
    }

    private static String randomPassword() {
        byte[] raw = new byte[24];
        new java.security.SecureRandom().nextBytes(raw);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "secret", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the data folder's ACL protects it
        }
        Files.writeString(tmp, content + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static HikariDataSource createDatabaseAndPool(EmbeddedPostgres pg, String database, int poolSize, String password)
            throws SQLException {
        createDatabase(pg, database);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("chidao-embedded");
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(2);
        // a DataSource rather than a JDBC URL: DriverManager does not see across OSGi bundles
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setServerNames(new String[] {"127.0.0.1"});
        target.setPortNumbers(new int[] {pg.getPort()});
        target.setDatabaseName(database);
        target.setUser("postgres");
        target.setPassword(password);
        target.setApplicationName("chidao");
        hc.setDataSource(target);
        return new HikariDataSource(hc);
    }

    /** Creates the database (UTF-8, ICU Vietnamese ordering) unless it exists; tests use it too. */
    public static void createDatabase(EmbeddedPostgres pg, String database) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "") + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                // Vietnamese ordering for every text column by default; UTF-8 throughout.
                s.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\" TEMPLATE template0 ENCODING 'UTF8'"
                        + " LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN' LOCALE 'C'");
            }
        }
    }
}
