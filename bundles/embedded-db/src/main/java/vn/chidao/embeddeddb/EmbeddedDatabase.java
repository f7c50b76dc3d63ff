package vn.chidao.embeddeddb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

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

        @AttributeDefinition(description = "How long a request waits for a connection before it is answered 503"
                + " (milliseconds)")
        long connectionTimeoutMillis() default 2000;

        @AttributeDefinition(description = "How often the supervisor checks that PostgreSQL runs (milliseconds)")
        long supervisorPollMillis() default 500;
    }

    static final String EXTERNAL_CONFIG = "org.ops4j.datasource-chidao.cfg";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private EmbeddedPostgres postgres;
    private HikariDataSource pool;
    private ServiceRegistration<DataSource> registration;
    private PostmasterSupervisor supervisor;
    private ServiceRegistration<?> supervision;

    @Activate
    void activate(BundleContext context, Config config) throws IOException, SQLException {
        Path etc = Paths.get(System.getProperty("karaf.etc", "etc"));
        if (Files.exists(etc.resolve(EXTERNAL_CONFIG))) {
            LOG.warn("External datasource {} is configured: the embedded PostgreSQL is not started", EXTERNAL_CONFIG);
            return;
        }
        Path data = Paths.get(System.getProperty("karaf.data", "data"));
        long started = System.nanoTime();
        Running running = startForApplication(data, config.port(), config.database(), config.poolSize());
        postgres = running.postgres();
        pool = running.pool();
        pool.setConnectionTimeout(Math.max(250, config.connectionTimeoutMillis()));
        supervisor = new PostmasterSupervisor(data.resolve("pgdata"), data.resolve(LOG_FILE), config.supervisorPollMillis());
        supervisor.start();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.jndi.service.name", "chidao");
        props.put("dataSourceName", "chidao");
        props.put("chidao.datasource", "embedded");
        registration = context.registerService(DataSource.class, pool, props);
        // the platform's health reads the supervisor's state through this plain status document
        Hashtable<String, Object> status = new Hashtable<>();
        status.put(SUPERVISOR_PROPERTY, "embedded");
        supervision = context.registerService(java.util.function.Supplier.class, supervisor, status);
        LOG.info("Embedded PostgreSQL ready on 127.0.0.1:{} in {} ms", config.port(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Deactivate
    void deactivate() throws IOException {
        if (supervisor != null) {
            supervisor.stop();
        }
        if (supervision != null) {
            supervision.unregister();
        }
        if (registration != null) {
            registration.unregister();
        }
        if (pool != null) {
            pool.close();
        }
        if (postgres == null) {
            return;
        }
        // the server running now, which after a restart is not the one zonky started
        Optional<PostmasterSupervisor.Postmaster> running = supervisor.current();
        if (running.isPresent()) {
            postgres.close(); // pg_ctl stop -m fast, waits at most 5 s
            killIfStillRunning(running.get().pid());
        } else {
            LOG.warn("Embedded PostgreSQL was not running when the platform stopped: nothing to stop");
        }
    }

    /** Stopping always stops: a server that did not end within the fast shutdown's bound is killed. */
    private static void killIfStillRunning(long pid) {
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> {
            try {
                if (p.onExit().get(3, java.util.concurrent.TimeUnit.SECONDS) != null) {
                    return;
                }
            } catch (Exception stillRunning) {
                // immediate shutdown next
            }
            LOG.warn("Embedded PostgreSQL (pid {}) did not stop in time: immediate shutdown", pid);
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).start().waitFor();
                p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    /** A started cluster and the application's pool on it. */
    public record Running(EmbeddedPostgres postgres, HikariDataSource pool) {
    }

    /**
     * What the platform runs: the durable cluster, provisioned on first use (or on the first start after
     * an upgrade) with the application's owner role, and a pool connecting as that role.
     */
    public static Running startForApplication(Path data, int port, String database, int poolSize)
            throws IOException, SQLException {
        EmbeddedPostgres pg = start(data, port, true);
        try {
            if (Files.exists(data.resolve(PASSWORD_FILE))) {
                provision(pg, data, database);
            }
            return new Running(pg, pool(pg, database, poolSize, APP_ROLE, Secrets.read(data.resolve(APP_PASSWORD_FILE))));
        } catch (SQLException | IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /**
     * Runs while the superuser password is still in {@code data/}: on a fresh cluster, or on one made
     * before issue 13 (whose schemas the superuser owns). Creates the owner role with its own generated
     * password, gives it the database and every module object, then forgets the superuser password: the
     * file is deleted first (a crash after that leaves an unknown password, never a stored one) and the
     * superuser's password is then removed, so the superuser cannot log in over the network at all.
     */
    static void provision(EmbeddedPostgres pg, Path data, String database) throws IOException, SQLException {
        String appPassword = Secrets.readOrCreate(data.resolve(APP_PASSWORD_FILE));
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            OwnerRole.ensure(c, APP_ROLE, appPassword);
            OwnerRole.ensureDatabase(c, database, APP_ROLE);
        }
        try (Connection c = pg.getDatabase("postgres", database).getConnection()) {
            int moved = OwnerRole.transferOwnership(c, APP_ROLE);
            if (moved > 0) {
                LOG.info("Handed {} database objects over from the superuser to the role {}", moved, APP_ROLE);
            }
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            Files.delete(data.resolve(PASSWORD_FILE));
            s.execute("ALTER ROLE CURRENT_USER PASSWORD NULL");
        }
        LOG.info("Embedded PostgreSQL: the application connects as {}; the superuser password is no longer kept", APP_ROLE);
    }

    /** Starts (or restarts on existing data) a durable cluster; only the superuser exists until provisioned. */
    public static EmbeddedPostgres start(Path data, int port) throws IOException {
        return start(data, port, true);
    }

    /**
     * Starts (or restarts on existing data) the cluster; shared with tests. zonky's defaults suit
     * throw-away test databases only: fsync and synchronous_commit off (acknowledged commits losable on a
     * power cut) and trust authentication (any local user could connect as superuser). The platform
     * ({@code production = true}) runs durable, with SCRAM passwords: the superuser password is generated
     * at initdb into {@code data/pg-superuser-password} (owner only) and kept only until {@link #provision}
     * ran; after that the cluster is reached as the owner role with {@code data/pg-app-password}.
     */
    public static EmbeddedPostgres start(Path data, int port, boolean production) throws IOException {
        boolean durable = production;
        Path pgData = data.resolve("pgdata");
        Path pgBin = data.resolve("pgbin");
        Files.createDirectories(pgBin);
        stopOrphan(pgData, pgBin);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (production) {
            Path superuserSecret = data.resolve(PASSWORD_FILE);
            Path appSecret = data.resolve(APP_PASSWORD_FILE);
            boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
            builder.setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256");
            if (fresh || Files.exists(superuserSecret)) {
                builder.setLocaleConfig("pwfile", superuserSecret.toAbsolutePath().toString())
                        .setConnectConfig("password", Secrets.readOrCreate(superuserSecret));
            } else if (Files.exists(appSecret)) {
                // zonky's readiness check then logs in as the owner role (to the postgres database)
                builder.setConnectConfig("user", APP_ROLE).setConnectConfig("password", Secrets.read(appSecret));
            } else {
                throw new IOException("Neither " + appSecret + " nor " + superuserSecret + " exists beside " + pgData
                        + ": restore data/" + APP_PASSWORD_FILE + " from a backup");
            }
        }
        if (production) {
            // the server's own log, beside karaf.log: the supervisor reads why it stopped from it
            Path log = data.resolve(LOG_FILE);
            Files.createDirectories(log.getParent());
            builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
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
    /** Where the server writes its log (under Karaf's data/), beside karaf.log. */
    static final String LOG_FILE = "log/postgresql.log";
    /** Service property of the supervisor's status document (a {@code Supplier<Map<String, Object>>}). */
    public static final String SUPERVISOR_PROPERTY = "chidao.database.supervisor";
    static final String APP_PASSWORD_FILE = "pg-app-password";
    /** The role the application connects as: owns the database and its schemas, not a superuser. */
    public static final String APP_ROLE = "chidao";

    /**
     * The superuser password of a cluster under {@code data} that is not provisioned yet (tools that
     * start a bare durable cluster, such as the benches), or null: a test cluster, or one whose
     * superuser password was already forgotten.
     */
    public static String password(Path data) throws IOException {
        return Secrets.read(data.resolve(PASSWORD_FILE));
    }

    /** The owner role's password of a provisioned cluster under {@code data}, or null. */
    public static String appPassword(Path data) throws IOException {
        return Secrets.read(data.resolve(APP_PASSWORD_FILE));
    }

    static HikariDataSource pool(EmbeddedPostgres pg, String database, int poolSize, String user, String password) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("chidao-embedded");
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(2);
        // a DataSource rather than a JDBC URL: DriverManager does not see across OSGi bundles
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setServerNames(new String[] {"127.0.0.1"});
        target.setPortNumbers(new int[] {pg.getPort()});
        target.setDatabaseName(database);
        target.setUser(user);
        target.setPassword(password);
        target.setApplicationName("chidao");
        // a server that is away refuses at once; one that hangs must not hold a request longer than this
        target.setConnectTimeout(2);
        hc.setValidationTimeout(1000);
        hc.setDataSource(target);
        return new HikariDataSource(hc);
    }

    /** A database owned by {@code owner} (a role made with {@link OwnerRole#ensure}); tests use it. */
    public static void createDatabase(EmbeddedPostgres pg, String database, String owner) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            OwnerRole.ensureDatabase(c, database, owner);
        }
    }

    /** A database owned by the superuser the cluster was started with (unit tests, benches). */
    public static void createDatabase(EmbeddedPostgres pg, String database) throws SQLException {
        createDatabase(pg, database, "postgres");
    }
}
