package vn.chidao.itests.support;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The assembled distribution run as operators run it: unzipped, configured through etc/ files and
 * started with {@code bin/karaf server} in its own process (driver side only).
 */
public final class KarafProcess {

    private static final List<KarafProcess> STARTED = new CopyOnWriteArrayList<>();

    public final String name;
    public final Path home;
    public final int httpPort;
    public final int sshPort;
    private Process process;

    private KarafProcess(String name, Path home, int httpPort, int sshPort) {
        this.name = name;
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
    }

    /** Unzips a fresh copy under target/nodes/name, with its own ports (offset keeps nodes apart). */
    public static KarafProcess unpack(String name, int offset) throws IOException {
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        Path zip = Paths.get(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"),
                "vn", "chidao", "chidao-distribution", version, "chidao-distribution-" + version + ".zip");
        Path dir = Paths.get("target", "nodes", name).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        Path home = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip slip: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (home == null) {
                    home = dir.resolve(Paths.get(e.getName()).getName(0));
                }
            }
        }
        for (String script : List.of("karaf", "start", "stop", "client", "setenv", "status", "shell")) {
            Path p = home.resolve("bin").resolve(script);
            if (Files.exists(p)) {
                p.toFile().setExecutable(true);
            }
        }
        KarafProcess k = new KarafProcess(name, home, 28181 + offset, 28101 + offset);
        k.set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(k.httpPort));
        k.set("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(k.sshPort));
        k.set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(21099 + offset));
        k.set("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(24444 + offset));
        k.set("etc/system.properties", "karaf.name", name);
        Files.writeString(home.resolve("etc/vn.chidao.embeddeddb.cfg"),
                "port = " + (55700 + offset) + "\ndatabase = chidao\npoolSize = 8\n");
        return k;
    }

    /** Points the node at an external PostgreSQL database: the embedded one must then stay down. */
    public KarafProcess external(String jdbcDatabase) throws IOException {
        return external("jdbc:postgresql://127.0.0.1:" + TestDatabase.PORT + "/" + jdbcDatabase, TestDatabase.OWNER,
                TestDatabase.OWNER_PASSWORD);
    }

    /** Points the node at any PostgreSQL database, with the file exactly as the README shows it. */
    public KarafProcess external(String url, String user, String password) throws IOException {
        Files.writeString(home.resolve("etc/org.ops4j.datasource-chidao.cfg"), String.join("\n",
                "osgi.jdbc.driver.class = org.postgresql.Driver",
                "dataSourceName = chidao",
                "url = " + url,
                "user = " + user,
                "password = " + password,
                "pool = hikari",
                "xa = false",
                "hikari.maximumPoolSize = 8",
                "hikari.connectionTimeout = 2000", ""));
        return this;
    }

    public KarafProcess set(String file, String key, String value) throws IOException {
        Path p = home.resolve(file);
        List<String> lines = Files.exists(p) ? new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8)) : new ArrayList<>();
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*");
        boolean done = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                done = true;
            }
        }
        if (!done) {
            lines.add(key + " = " + value);
        }
        Files.write(p, lines, StandardCharsets.UTF_8);
        return this;
    }

    /**
     * Gives the nodes of one cluster the same TOTP key before their first start, as the README tells
     * administrators (a key made by each node would leave all but one without the cluster's key).
     */
    public static void shareTotpKey(KarafProcess... nodes) throws IOException {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        for (KarafProcess k : nodes) {
            Path file = k.home.resolve("etc/chidao-totp.key");
            Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    public KarafProcess deploy(Path jar) throws IOException {
        Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    public KarafProcess start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.out").toFile());
        pb.environment().put("EXTRA_JAVA_OPTS", "-Xms128m -Xmx512m -Duser.timezone=America/New_York");
        process = pb.start();
        STARTED.add(this);
        return this;
    }

    public Http http() {
        return new Http("http://127.0.0.1:" + httpPort);
    }

    /** Waits (bounded) for health UP; returns the seconds it took. */
    public double awaitUp(Duration bound) {
        long t0 = System.nanoTime();
        Http http = http();
        boolean up = Http.await(bound, () -> {
            Http.Res r = http.get("/api/v1/health", null);
            return r.status() == 200 && r.body().contains("\"status\":\"UP\"");
        });
        assertTrue(name + " did not become healthy in " + bound + "; log: " + home.resolve("data/log/karaf.log"), up);
        return (System.nanoTime() - t0) / 1e9;
    }

    public Optional<ProcessHandle> javaProcess() {
        if (process == null) {
            return Optional.empty();
        }
        return process.toHandle().descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst().or(() -> process.toHandle().info().command().orElse("").endsWith("java")
                        ? Optional.of(process.toHandle()) : Optional.empty());
    }

    /** kill -9 of the Karaf JVM: no shutdown of anything it started. */
    public void kill9() throws InterruptedException {
        Optional<ProcessHandle> java = javaProcess();
        java.ifPresent(ProcessHandle::destroyForcibly);
        java.ifPresent(p -> p.onExit().join());
        process.waitFor();
        STARTED.remove(this);
    }

    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            process.destroy();
        }
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            javaProcess().ifPresent(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        STARTED.remove(this);
    }

    /** ERROR lines of the node's karaf.log that match none of the expected patterns. */
    public List<String> unexpectedErrors(String... expected) throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        List<String> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (l.contains("| ERROR |") && java.util.Arrays.stream(expected).noneMatch(l::contains)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Stops the given nodes (null ones are skipped: a test may fail before starting all of them). */
    public static void stop(KarafProcess... nodes) throws InterruptedException {
        for (KarafProcess k : nodes) {
            if (k != null) {
                k.stop();
            }
        }
    }

    /**
     * The {@code password=} line of a file a node writes under {@code data/} (the first administrator's
     * {@code first-admin-password.txt}, the demo people's {@code demo-passwords.txt}), from whichever of
     * the nodes wrote it, once it is there.
     */
    public static String awaitPassword(String dataFile, KarafProcess... nodes) {
        String[] found = new String[1];
        assertTrue(dataFile + " written by one of the nodes", Http.await(Duration.ofSeconds(90), () -> {
            for (KarafProcess k : nodes) {
                Path f = k.home.resolve("data").resolve(dataFile);
                try {
                    Optional<String> line = Files.exists(f)
                            ? Files.readAllLines(f).stream().filter(l -> l.startsWith("password=")).findFirst()
                            : Optional.empty();
                    if (line.isPresent()) {
                        found[0] = line.get().substring("password=".length());
                        return true;
                    }
                } catch (IOException e) {
                    return false; // being written
                }
            }
            return false;
        }));
        return found[0];
    }

    public static void stopAll() {
        for (KarafProcess k : STARTED) {
            try {
                k.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static Path artifact(String artifactId, String classifierAndType) {
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        return Paths.get(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"),
                "vn", "chidao", artifactId, version, artifactId + "-" + version + classifierAndType);
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
