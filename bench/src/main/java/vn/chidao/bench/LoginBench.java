package vn.chidao.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chidao.platform.auth.PasswordHasher;

/**
 * Login throughput and latency over REST against the raw cost of the password hash, measured in one run.
 * Argon2id is deliberately expensive, so the hash is the physical limit of logins; this bench says how close
 * the whole login (HTTP, JSON, account lookup, session row, journal entry, commit) comes to it. In order:
 *
 * <ol>
 * <li>a preflight: one login per demo user, one after the other (stops at the first refusal, so a wrong
 * password file never locks an account);</li>
 * <li>(a1) {@link PasswordHasher#verify} with the platform's defaults (m=19 MiB, t=2, p=1) in this JVM, 1 thread;</li>
 * <li>(a2) the same with as many threads as the server hashes at once: {@code PasswordHashingService.permits}
 * is package-private, so its formula {@code max(1, min(cores, maxHeap / 4 / 19 MiB))} is repeated here, with
 * this machine's cores and the server's heap ({@code bench.serverHeap}, default the distribution's
 * {@code -Xmx1g});</li>
 * <li>(b) {@code POST /api/v1/account/login} from {@code bench.clients} concurrent clients (one
 * {@link HttpClient} each), cycling over the non-administrator demo users;</li>
 * <li>(a2') (a2) again, to see whether the machine's speed drifted during (b).</li>
 * </ol>
 *
 * <p>Every case runs {@code bench.warmup} seconds unmeasured, then {@code bench.seconds} measured. Any answer
 * other than 200 with an access token is an error; a 401 stops the REST case at once (five failures lock an
 * account, thirty throttle the address).
 *
 * <p>System properties: {@code bench.url} (http://127.0.0.1:8181), {@code bench.passwordFile}
 * (run/chidao-distribution-0.1.0-SNAPSHOT/data/demo-passwords.txt from the project root), {@code bench.users}
 * (comma-separated; default every demo user whose roles name no administrator), {@code bench.clients} (8),
 * {@code bench.seconds} (20), {@code bench.warmup} (5), {@code bench.hashThreads} (default: the server's
 * permits as above), {@code bench.serverHeap} (1g), {@code bench.out} (bench/target from the root, target
 * from bench/).
 */
public final class LoginBench {

    /** {@code PasswordHasher}'s default memory cost (19 MiB), as {@code PasswordHashingService} counts it. */
    static final long BYTES_PER_HASH = 19L * 1024 * 1024;
    static final String LOGIN_PATH = "/api/v1/account/login";

    public record Settings(URI url, Path passwordFile, List<String> users, int clients, double seconds,
                           double warmupSeconds, int hashThreads, long serverHeapBytes, Path outDir) {

        public static Settings fromSystemProperties() {
            Path root = Files.exists(Paths.get("bench", "pom.xml")) ? Paths.get(".")
                    : Files.exists(Paths.get("..", "bench", "pom.xml")) ? Paths.get("..") : Paths.get(".");
            String out = System.getProperty("bench.out");
            Path outDir = out != null ? Paths.get(out)
                    : Files.exists(Paths.get("bench", "pom.xml")) ? Paths.get("bench", "target") : Paths.get("target");
            String pw = System.getProperty("bench.passwordFile");
            Path passwordFile = pw != null ? Paths.get(pw)
                    : root.resolve("run/chidao-distribution-0.1.0-SNAPSHOT/data/demo-passwords.txt");
            String users = System.getProperty("bench.users", "");
            long serverHeap = bytes(System.getProperty("bench.serverHeap", "1g"));
            int cores = Runtime.getRuntime().availableProcessors();
            return new Settings(URI.create(System.getProperty("bench.url", "http://127.0.0.1:8181")),
                    passwordFile.toAbsolutePath().normalize(),
                    users.isBlank() ? List.of() : Arrays.stream(users.split(",")).map(String::strip)
                            .filter(u -> !u.isEmpty()).toList(),
                    Integer.getInteger("bench.clients", 8),
                    Double.parseDouble(System.getProperty("bench.seconds", "20")),
                    Double.parseDouble(System.getProperty("bench.warmup", "5")),
                    Integer.getInteger("bench.hashThreads", serverPermits(cores, serverHeap, BYTES_PER_HASH)),
                    serverHeap, outDir.toAbsolutePath().normalize());
        }
    }

    /** Times (nanoseconds, sorted) and outcome of one case. */
    public record CaseResult(String label, int threads, long count, double seconds, long[] sortedNanos, long errors,
                             List<String> firstErrors) {

        public double rate() {
            return seconds == 0 ? 0 : count / seconds;
        }

        public double pMs(double p) {
            return Timing.percentile(sortedNanos, p) / 1e6;
        }

        public double meanMs() {
            return sortedNanos.length == 0 ? 0 : Arrays.stream(sortedNanos).average().orElse(0) / 1e6;
        }
    }

    public record Result(CaseResult rawOne, CaseResult rawServer, CaseResult rest, CaseResult rawServerAfter,
                         String markdown, Path markdownFile) {

        /** REST logins/s over the raw hashes/s at the server's concurrency (the physical limit). */
        public double throughputRatio() {
            return rawServer.rate() == 0 ? 0 : rest.rate() / rawServer.rate();
        }
    }

    @FunctionalInterface
    interface Op {
        /** One operation of worker {@code worker}, the run's {@code n}-th; throws if it failed. */
        void run(int worker, long n) throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEEP_ERRORS = 5;

    private LoginBench() {
    }

    public static void main(String[] args) throws Exception {
        Result r = run(Settings.fromSystemProperties());
        System.out.println(r.markdown());
        System.out.println("Written to " + r.markdownFile());
        if (r.rest().errors() > 0 || r.rest().count() == 0 || r.rawServer().count() == 0) {
            System.exit(1);
        }
    }

    /** {@code PasswordHashingService.permits} (package-private there), repeated: how many hashes run at once. */
    static int serverPermits(int cores, long maxHeap, long bytesPerHash) {
        return (int) Math.max(1, Math.min(cores, maxHeap / 4 / bytesPerHash));
    }

    public static Result run(Settings s) throws Exception {
        if (s.clients() < 1 || s.seconds() <= 0 || s.warmupSeconds() < 0 || s.hashThreads() < 1) {
            throw new IllegalArgumentException("Bad bench settings: " + s);
        }
        DemoUsers demo = DemoUsers.read(s.passwordFile(), s.users());
        URI login = s.url().resolve(LOGIN_PATH);
        System.out.printf(Locale.ROOT, "Preflight: one login for each of %d users at %s%n", demo.users().size(), login);
        HttpClient probe = client();
        for (String u : demo.users()) {
            Answer a = login(probe, login, u, demo.password());
            if (!a.ok()) {
                throw new IllegalStateException("Preflight login of " + u + " failed (" + a.describe() + "); stopping before"
                        + " any further attempt so that no account gets locked");
            }
        }
        String load0 = loadAverage();

        PasswordHasher hasher = new PasswordHasher();
        String phc = hasher.hash(demo.password());
        if (!hasher.verify(demo.password(), phc)) {
            throw new IllegalStateException("PasswordHasher does not verify its own hash");
        }
        char[] password = demo.password();
        Op verify = (w, n) -> {
            if (!hasher.verify(password, phc)) {
                throw new IllegalStateException("verify returned false");
            }
        };
        CaseResult a1 = measure("(a1) raw Argon2id verify, 1 thread", 1, verify, s, null);
        CaseResult a2 = measure("(a2) raw Argon2id verify, " + s.hashThreads() + " threads (server's concurrency)",
                s.hashThreads(), verify, s, null);

        HttpClient[] clients = new HttpClient[s.clients()];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = client();
        }
        List<String> users = demo.users();
        AtomicBoolean refused = new AtomicBoolean();
        // the run's n-th login is user n mod |users|: logins in flight at once (consecutive tickets) hold different users
        Op rest = (w, n) -> {
            String user = users.get((int) (n % users.size()));
            Answer a = login(clients[w], login, user, password);
            if (!a.ok()) {
                if (a.status() == 401) {
                    refused.set(true);
                }
                throw new IllegalStateException(user + ": " + a.describe());
            }
        };
        CaseResult b = measure("(b) REST login, " + s.clients() + " clients", s.clients(), rest, s, refused);
        CaseResult a2after = refused.get() ? a2
                : measure("(a2') raw verify, " + s.hashThreads() + " threads, again after (b)", s.hashThreads(), verify, s, null);
        String load1 = loadAverage();

        String md = markdown(s, demo, login, a1, a2, b, a2after, load0, load1);
        Files.createDirectories(s.outDir());
        Path file = s.outDir().resolve("login-bench.md");
        Files.writeString(file, md, StandardCharsets.UTF_8);
        return new Result(a1, a2, b, a2after, md, file);
    }

    private static String markdown(Settings s, DemoUsers demo, URI login, CaseResult a1, CaseResult a2, CaseResult b,
                                   CaseResult a2after, String load0, String load1) {
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder md = new StringBuilder("# Chidao login bench\n\n");
        md.append(String.format(Locale.ROOT, "Run %s (local time) · %s · %d CPUs · Java %s · load average (1/5/15 min)"
                        + " %s before, %s after%n%n", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), login, cores,
                System.getProperty("java.version"), load0, load1));
        md.append(String.format(Locale.ROOT, "Argon2id m=19 MiB, t=2, p=1 (PasswordHasher defaults). Server concurrency"
                        + " max(1, min(%d cores, %d MiB heap / 4 / 19 MiB)) = %d%s. %d REST clients over %d users (%s)."
                        + " %.1f s per case after a %.1f s warm-up.%n%n", cores, s.serverHeapBytes() / 1048576,
                serverPermits(cores, s.serverHeapBytes(), BYTES_PER_HASH),
                s.hashThreads() == serverPermits(cores, s.serverHeapBytes(), BYTES_PER_HASH) ? ""
                        : " (overridden: " + s.hashThreads() + " hash threads)",
                s.clients(), demo.users().size(), String.join(", ", demo.users()), s.seconds(), s.warmupSeconds()));
        md.append("| Case | Threads | Ops | Seconds | Ops/s | vs. (a2) | p50 ms | p95 ms | p99 ms | max ms | Errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<CaseResult> rows = new ArrayList<>(List.of(a1, a2, b));
        if (a2after != a2) {
            rows.add(a2after);
        }
        for (CaseResult r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.2f | %,.1f | %.2f | %.1f | %.1f | %.1f | %.1f | %d |%n",
                    r.label(), r.threads(), r.count(), r.seconds(), r.rate(), a2.rate() == 0 ? 0 : r.rate() / a2.rate(),
                    r.pMs(0.50), r.pMs(0.95), r.pMs(0.99), r.pMs(1.0), r.errors()));
        }
        double ideal = a2.rate() == 0 ? 0 : s.clients() / a2.rate() * 1000;
        md.append(String.format(Locale.ROOT, "%nThroughput: (b)/(a2) = **%.2f** of the physical limit"
                        + " ((b)/(a2') = %.2f).%n", a2.rate() == 0 ? 0 : b.rate() / a2.rate(),
                a2after.rate() == 0 ? 0 : b.rate() / a2after.rate()));
        md.append(String.format(Locale.ROOT, "Latency: (b) p50 / one raw verify (a1 p50) = %.1f ms / %.1f ms = **%.1f**;"
                        + " with %d clients sharing %d hash slots a login queues behind the others, so a login that cost"
                        + " only its hash would take %d / %.1f per s = %.1f ms (Little's law): (b) p50 / that = **%.2f**.%n",
                b.pMs(0.5), a1.pMs(0.5), a1.pMs(0.5) == 0 ? 0 : b.pMs(0.5) / a1.pMs(0.5), s.clients(), s.hashThreads(),
                s.clients(), a2.rate(), ideal, ideal == 0 ? 0 : b.pMs(0.5) / ideal));
        for (CaseResult r : rows) {
            if (!r.firstErrors().isEmpty()) {
                md.append("\nFirst errors in ").append(r.label()).append(":\n");
                for (String e : r.firstErrors()) {
                    md.append("* ").append(e).append('\n');
                }
            }
        }
        return md.toString();
    }

    private static CaseResult measure(String label, int threads, Op op, Settings s, AtomicBoolean stop)
            throws InterruptedException {
        if (s.warmupSeconds() > 0) {
            System.out.printf(Locale.ROOT, "%s: warm-up %.1f s%n", label, s.warmupSeconds());
            CaseResult w = drive(label + " (warm-up)", threads, s.warmupSeconds(), op, stop);
            if (w.errors() > 0) {
                System.out.printf(Locale.ROOT, "  %d errors during warm-up, first: %s%n", w.errors(), w.firstErrors());
            }
            if (stop != null && stop.get()) {
                return w;
            }
        }
        System.out.printf(Locale.ROOT, "%s: measuring %.1f s%n", label, s.seconds());
        CaseResult r = drive(label, threads, s.seconds(), op, stop);
        System.out.printf(Locale.ROOT, "  %,d ops, %.1f/s, p50 %.1f ms, p95 %.1f ms, %d errors%n", r.count(), r.rate(),
                r.pMs(0.5), r.pMs(0.95), r.errors());
        return r;
    }

    /** Runs {@code op} from {@code threads} threads until the time is up (or {@code stop} is set). */
    static CaseResult drive(String label, int threads, double seconds, Op op, AtomicBoolean stop)
            throws InterruptedException {
        Timing.Run r = Timing.run("login-bench", threads, seconds, Long.MAX_VALUE, () -> stop != null && stop.get(), KEEP_ERRORS,
                op::run);
        return new CaseResult(label, threads, r.sortedNanos().length, r.seconds(), r.sortedNanos(), r.errors(), r.firstErrors());
    }

    // --- REST ----------------------------------------------------------------------------------------

    record Answer(int status, String body, Exception failure) {
        boolean ok() {
            if (status != 200 || body == null) {
                return false;
            }
            try {
                JsonNode n = JSON.readTree(body);
                return n.hasNonNull("accessToken") && n.hasNonNull("refreshToken");
            } catch (IOException e) {
                return false;
            }
        }

        String describe() {
            if (failure != null) {
                return failure.toString();
            }
            String b = body == null ? "" : body.replaceAll("\\s+", " ");
            return "HTTP " + status + (status == 200 ? " without tokens" : "") + " " + (b.length() > 300 ? b.substring(0, 300) + "…" : b);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static Answer login(HttpClient client, URI login, String username, char[] password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", new String(password));
        try {
            HttpRequest req = HttpRequest.newBuilder(login).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(form))).build();
            HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(res.statusCode(), res.body(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, e);
        } catch (IOException e) {
            return new Answer(-1, null, e);
        }
    }

    /** The demo password and the users to log in as (from {@code data/demo-passwords.txt} of a demo node). */
    record DemoUsers(char[] password, List<String> users) {

        /**
         * Reads {@code password=…} and the {@code # username — Full Name, roles} lines; keeps the users whose roles
         * name no administrator (those need a second factor), unless {@code chosen} names the users.
         */
        static DemoUsers read(Path file, List<String> chosen) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("No demo password file at " + file + " (start a demo node with"
                        + " ./chidao run, or set -Dbench.passwordFile)");
            }
            char[] password = null;
            List<String> users = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("password=")) {
                    password = line.substring("password=".length()).strip().toCharArray();
                } else if (line.matches("#\\s+[a-z0-9._-]+\\s+—\\s+.*,\\s*[a-z,-]+\\s*")) {
                    String user = line.substring(1).strip().split("\\s+")[0];
                    String roles = line.substring(line.lastIndexOf(", ") + 2); // "clerk" or "clerk,specialist"
                    if (!roles.contains("admin")) {
                        users.add(user);
                    }
                }
            }
            if (password == null) {
                throw new IllegalStateException("No password= line in " + file);
            }
            List<String> pick = chosen.isEmpty() ? users : chosen;
            if (pick.isEmpty()) {
                throw new IllegalStateException("No non-administrator demo user in " + file);
            }
            return new DemoUsers(password, List.copyOf(pick));
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** {@code 1g}, {@code 512m}, {@code 1048576k} or plain bytes. */
    static long bytes(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
    }
}
