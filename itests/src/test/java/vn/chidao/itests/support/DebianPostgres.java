package vn.chidao.itests.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.Assume;

/**
 * A throw-away cluster of the distribution's own PostgreSQL (Debian's {@code postgresql} package,
 * binaries in /usr/lib/postgresql/VERSION/bin), for tests that must run on what agencies install
 * rather than on the embedded PostgreSQL 17. Data under target/ (or the temporary directory when the
 * {@code postgres} user cannot reach target/), a free port on 127.0.0.1, SCRAM for TCP, removed by
 * {@link #close()}. PostgreSQL refuses to run as root, so as root the binaries run as {@code postgres}.
 */
public final class DebianPostgres implements AutoCloseable {

    private static final Path VERSIONS = Paths.get("/usr/lib/postgresql");

    public final String major;
    public final int port;
    private final Path bin;
    private final Path dir;
    private final String superuserPassword;

    private DebianPostgres(String major, Path bin, Path dir, int port, String superuserPassword) {
        this.major = major;
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /** The newest installed server binaries, if the package is installed. */
    static Optional<Path> binaries() {
        if (!Files.isDirectory(VERSIONS)) {
            return Optional.empty();
        }
        try (var list = Files.list(VERSIONS)) {
            return list.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Fails in CI (or with -Dchidao.it.strict=true), skips loudly elsewhere, when the package is missing. */
    public static Path requireServer(String test) {
        Optional<Path> bin = binaries();
        boolean root = isRoot();
        if (bin.isPresent() && (!root || Files.exists(Paths.get("/usr/sbin/runuser")) && postgresUserExists())) {
            return bin.get();
        }
        String why = "Debian's PostgreSQL server is missing (apt-get install postgresql postgresql-contrib)";
        if (Browser.strict()) {
            throw new AssertionError(why + ": mandatory in CI");
        }
        System.err.println("\n***** SKIPPED " + test + ": " + why + " *****\n");
        Assume.assumeTrue(why, false);
        return null;
    }

    /** A fresh cluster named {@code name}, started; a leftover of an aborted earlier run is stopped first. */
    public static DebianPostgres start(String test, String name) throws IOException, InterruptedException {
        Path bin = requireServer(test);
        String major = bin.getParent().getFileName().toString();
        Path dir = reachableDirectory(name);
        Path data = dir.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            run(bin, List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"), false);
        }
        KarafProcess.deleteTree(dir);
        Files.createDirectories(dir);
        String password = UUID.randomUUID().toString();
        Path pwfile = dir.resolve("superuser-password");
        Files.writeString(pwfile, password + "\n");
        if (isRoot()) {
            exec(List.of("chown", "-R", "postgres:postgres", dir.toString()), true);
        }
        int port = freePort();
        DebianPostgres pg = new DebianPostgres(major, bin, dir, port, password);
        run(bin, List.of("initdb", "-D", data.toString(), "-U", "postgres", "--pwfile=" + pwfile, "--encoding=UTF8",
                "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256"), true);
        Files.deleteIfExists(pwfile);
        pg.pgCtl("start", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1");
        return pg;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** psql as the superuser over the cluster's own socket, the way an administrator runs it on the server. */
    public String psql(String database, String sql) throws IOException, InterruptedException {
        return run(bin, List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(), "-p",
                Integer.toString(port), "-U", "postgres", "-d", database, "-c", sql), true);
    }

    /** The superuser, for checks behind the application's back. */
    public javax.sql.DataSource superuser(String database) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(url(database));
        ds.setUser("postgres");
        ds.setPassword(superuserPassword);
        return ds;
    }

    /** Restarts the server (fast shutdown: every connection is cut), as an administrator's maintenance would. */
    public void restart() throws IOException, InterruptedException {
        pgCtl("restart", "-m", "fast");
    }

    @Override
    public void close() {
        try {
            pgCtl("stop", "-m", "fast");
        } catch (IOException | RuntimeException e) {
            // already down: nothing to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            KarafProcess.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("Could not remove " + dir + ": " + e);
        }
    }

    private void pgCtl(String action, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60"));
        cmd.addAll(List.of(options));
        cmd.add(action);
        run(bin, cmd, true);
    }

    /** target/NAME if the postgres user can reach it, else a fresh directory under the temporary directory. */
    private static Path reachableDirectory(String name) throws IOException, InterruptedException {
        Path target = Paths.get("target", "debian-pg", name).toAbsolutePath();
        if (!isRoot()) {
            return target;
        }
        Files.createDirectories(target.getParent());
        if (exec(List.of("runuser", "-u", "postgres", "--", "test", "-x", target.getParent().toString()), false).ok) {
            return target;
        }
        return Files.createTempDirectory("chidao-" + name + "-");
    }

    private static String run(Path bin, List<String> cmd, boolean check) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.add(bin.resolve(cmd.get(0)).toString());
        full.addAll(cmd.subList(1, cmd.size()));
        return exec(full, check).output;
    }

    private record Result(boolean ok, String output) {
    }

    private static Result exec(List<String> cmd, boolean check) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .directory(Paths.get("/").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        boolean ok = p.exitValue() == 0;
        if (check && !ok) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
        return new Result(ok, out.trim());
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean postgresUserExists() {
        try {
            return Files.readAllLines(Paths.get("/etc/passwd")).stream().anyMatch(l -> l.startsWith("postgres:"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
