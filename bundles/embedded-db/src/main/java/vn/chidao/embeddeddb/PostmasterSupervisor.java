package vn.chidao.embeddeddb;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded postmaster and starts it again on the same data directory when it dies (killed,
 * out of memory, a crash): PostgreSQL's own crash recovery then replays the WAL, so nothing committed is
 * lost. Failed starts back off from 1 s to 30 s; every change of state is logged once, with the reason
 * read from {@code data/log/postgresql.log} (disk full, port taken, ...), and the state is what
 * {@link #get()} hands to health. The pool in front of the server is left alone: it reconnects by itself.
 */
final class PostmasterSupervisor implements Supplier<Map<String, Object>> {

    enum State { RUNNING, DOWN, RESTARTING, STOPPED }

    private static final Logger LOG = LoggerFactory.getLogger(PostmasterSupervisor.class);
    static final long MAX_BACKOFF_SECONDS = 30;
    private static final int START_WAIT_SECONDS = 20;

    private final Path pgData;
    private final Path log;
    private final long pollMillis;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chidao-postmaster-supervisor"));

    // all guarded by this
    private State state = State.RUNNING;
    private Instant since = Instant.now();
    private int restarts;
    private int failedAttempts;
    private Instant lastFailureAt;
    private String reason;
    private String detail;
    private Instant nextAttempt;
    private Postmaster postmaster;
    private long logMark;

    /** The running server process: pid plus start time, so that a reused pid is not taken for it. */
    record Postmaster(long pid, Instant started, Path pgCtl, String options) {
    }

    PostmasterSupervisor(Path pgData, Path log, long pollMillis) {
        this.pgData = pgData;
        this.log = log;
        this.pollMillis = Math.max(100, pollMillis);
    }

    /** Starts watching the server that runs now on {@code pgData}. */
    void start() throws IOException {
        Postmaster p = current().orElseThrow(() -> new IOException("No running postmaster in " + pgData));
        synchronized (this) {
            postmaster = p;
            logMark = logSize();
        }
        scheduler.scheduleWithFixedDelay(this::pollQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops watching (a restart under way is abandoned); the server itself is stopped by its owner. */
    void stop() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(START_WAIT_SECONDS + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            change(State.STOPPED, null, null);
        }
    }

    /** The pid of the server being watched, or -1 before {@link #start()}. */
    synchronized long pid() {
        return postmaster == null ? -1 : postmaster.pid();
    }

    /** Whether the watched server process is alive now. */
    synchronized boolean alive() {
        return postmaster != null && alive(postmaster);
    }

    @Override
    public synchronized Map<String, Object> get() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state.name());
        m.put("since", since.toString());
        m.put("restarts", restarts);
        m.put("failedAttempts", failedAttempts);
        m.put("lastFailureAt", lastFailureAt == null ? null : lastFailureAt.toString());
        m.put("reason", reason);
        m.put("detail", detail);
        m.put("nextAttemptInSeconds", nextAttempt == null ? null
                : Math.max(0, Duration.between(Instant.now(), nextAttempt).toSeconds()));
        m.put("pid", postmaster == null || state != State.RUNNING ? null : postmaster.pid());
        return m;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // a bug here must not end the supervision: next round tries again
            LOG.warn("Postmaster supervision round failed: {}", e.toString());
        }
    }

    void poll() {
        Postmaster watched;
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            watched = postmaster;
            if (state == State.RUNNING) {
                if (alive(watched)) {
                    return;
                }
                String[] why = Reasons.fromLog(tail(logMark));
                String r = why == null ? "process-died" : why[0];
                String d = why == null ? "The PostgreSQL server process (pid " + watched.pid()
                        + ") ended without a message: killed or out of memory" : why[1];
                lastFailureAt = Instant.now();
                nextAttempt = Instant.now();
                change(State.DOWN, r, d);
                LOG.warn("Embedded PostgreSQL stopped unexpectedly ({}: {}); restarting it on {}", r, d, pgData);
            }
            if (Instant.now().isBefore(nextAttempt)) {
                return;
            }
            // a killed postmaster is gone only once reaped: until then the new one would refuse its lock file
            if (failedAttempts == 0 && ProcessHandle.of(watched.pid()).isPresent()
                    && Instant.now().isBefore(lastFailureAt.plusSeconds(3))) {
                return;
            }
            state = State.RESTARTING;
        }
        attempt(watched);
    }

    /** One start of the server on the same data directory, with the options it last ran with. */
    private void attempt(Postmaster previous) {
        long mark = logSize();
        long t0 = System.nanoTime();
        String output;
        int exit;
        Process p = null;
        try {
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // PostgreSQL refuses to run as root; zonky starts it in a user namespace the same way
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(previous.pgCtl().toString(), "start", "-D", pgData.toString(), "-l", log.toString(),
                    "-w", "-t", Integer.toString(START_WAIT_SECONDS), "-o", previous.options()));
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(START_WAIT_SECONDS + 5L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            exit = p.isAlive() ? -1 : p.exitValue();
        } catch (IOException e) {
            output = e.getMessage();
            exit = -1;
        } catch (InterruptedException e) {
            p.destroyForcibly(); // stopping: the owner stops whatever server is up by then
            Thread.currentThread().interrupt();
            return;
        }
        Optional<Postmaster> now = exit == 0 ? current() : Optional.empty();
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            if (now.isPresent()) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                postmaster = now.get();
                restarts++;
                failedAttempts = 0;
                nextAttempt = null;
                logMark = logSize();
                change(State.RUNNING, null, null);
                LOG.info("Embedded PostgreSQL restarted (pid {}, crash recovery included) in {} ms; restart number {}",
                        postmaster.pid(), ms, restarts);
                return;
            }
            failedAttempts++;
            lastFailureAt = Instant.now();
            long wait = backoffSeconds(failedAttempts);
            nextAttempt = lastFailureAt.plusSeconds(wait);
            String[] why = Reasons.fromLog(tail(mark));
            String r = why == null ? "start-failed" : why[0];
            String d = why == null ? "pg_ctl exited with " + exit + ": " + output : why[1];
            boolean same = r.equals(reason) && d.equals(detail);
            change(State.DOWN, r, d);
            // never silent: each attempt is logged, but the full text only when the reason changes
            if (same) {
                LOG.warn("Embedded PostgreSQL still does not start ({}), attempt {}; next attempt in {} s", r,
                        failedAttempts, wait);
            } else {
                LOG.warn("Embedded PostgreSQL does not start ({}: {}), attempt {}; next attempt in {} s", r, d,
                        failedAttempts, wait);
            }
        }
    }

    /** 1, 2, 4, 8, 16, 30, 30, ... seconds. */
    static long backoffSeconds(int failedAttempts) {
        return Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(failedAttempts - 1, 5));
    }

    private void change(State next, String r, String d) {
        if (state != next) {
            since = Instant.now();
        }
        state = next;
        reason = r;
        detail = d;
    }

    /** The postmaster of {@code postmaster.pid} if it runs, with how to start it again. */
    Optional<Postmaster> current() {
        try {
            List<String> pid = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            String opts = Files.readString(pgData.resolve("postmaster.opts"), StandardCharsets.UTF_8).trim();
            long p = Long.parseLong(pid.get(0).trim());
            Optional<ProcessHandle> h = ProcessHandle.of(p);
            if (h.isEmpty() || !h.get().isAlive()) {
                return Optional.empty();
            }
            // postmaster.opts: the postgres binary, then its quoted arguments
            int cut = opts.startsWith("\"") ? opts.indexOf('"', 1) + 1 : opts.indexOf(' ');
            Path postgres = Path.of(opts.substring(0, cut).replace("\"", ""));
            Postmaster pm = new Postmaster(p, h.get().info().startInstant().orElse(null),
                    postgres.resolveSibling("pg_ctl"), opts.substring(cut).trim());
            return alive(pm) ? Optional.of(pm) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean alive(Postmaster p) {
        Optional<ProcessHandle> h = ProcessHandle.of(p.pid());
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        if (p.started() != null && h.get().info().startInstant().map(s -> !s.equals(p.started())).orElse(false)) {
            return false; // the pid now belongs to another process
        }
        try {
            // a killed process nobody reaped yet (a zombie) still "exists"
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"), StandardCharsets.US_ASCII);
            char s = stat.charAt(stat.lastIndexOf(')') + 2);
            return s != 'Z' && s != 'X';
        } catch (IOException | RuntimeException notLinux) {
            return true;
        }
    }

    private long logSize() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the server wrote to its log since {@code mark} (at most the last 16 KiB). */
    private String tail(long mark) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(Math.min(mark, f.length()), f.length() - 16_384);
            byte[] b = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
