package vn.chidao.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** What every bench shares: a timed run of concurrent workers with per-operation latencies, and small helpers. */
final class Timing {

    private Timing() {
    }

    /** One operation of worker {@code worker}, holding the run-wide ticket {@code ticket}; throws if it failed. */
    interface Work {
        void run(int worker, long ticket) throws Exception;
    }

    /** A run's outcome: sorted latencies (nanoseconds), elapsed seconds, errors and the first few messages. */
    record Run(long[] sortedNanos, double seconds, long errors, List<String> firstErrors) {
    }

    /**
     * Runs {@code op} from {@code threads} threads until {@code seconds} are up, {@code maxCount} operations were
     * started, or {@code stop} says so. A worker gives up after 1000 errors.
     */
    static Run run(String threadName, int threads, double seconds, long maxCount, BooleanSupplier stop, int keepErrors,
                   Work op) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        AtomicLong claimed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> firstErrors = new ArrayList<>();
        long[][] latencies = new long[threads][];
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long durationNanos = (long) (seconds * 1e9);
        long[] startedAt = new long[1];
        for (int t = 0; t < threads; t++) {
            int me = t;
            pool.execute(() -> {
                long[] mine = new long[4096];
                int n = 0;
                try {
                    go.await();
                    long deadline = startedAt[0] + durationNanos;
                    while (System.nanoTime() < deadline && !stop.getAsBoolean()) {
                        long ticket = claimed.getAndIncrement();
                        if (ticket >= maxCount) {
                            break;
                        }
                        long t0 = System.nanoTime();
                        try {
                            op.run(me, ticket);
                        } catch (Exception | AssertionError e) {
                            synchronized (firstErrors) {
                                if (firstErrors.size() < keepErrors) {
                                    firstErrors.add(e.getMessage() == null ? e.toString() : e.getMessage());
                                }
                            }
                            if (errors.incrementAndGet() > 1000) {
                                break;
                            }
                            continue;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    synchronized (latencies) {
                        latencies[me] = Arrays.copyOf(mine, n);
                    }
                    done.countDown();
                }
            });
        }
        startedAt[0] = System.nanoTime();
        go.countDown();
        boolean finished = done.await(durationNanos + TimeUnit.SECONDS.toNanos(120), TimeUnit.NANOSECONDS);
        double elapsed = (System.nanoTime() - startedAt[0]) / 1e9;
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        if (!finished) {
            errors.incrementAndGet();
            synchronized (firstErrors) {
                firstErrors.add("workers did not finish within 120 s after the deadline");
            }
        }
        long[] all;
        synchronized (latencies) {
            all = Arrays.stream(latencies).filter(x -> x != null).flatMapToLong(Arrays::stream).toArray();
        }
        Arrays.sort(all);
        return new Run(all, elapsed, errors.get(), List.copyOf(firstErrors));
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String text(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Removes an earlier run's cluster, stopping its postmaster first if a crashed run left it alive. */
    static void freshDirectory(Path data) throws IOException {
        Path pidFile = data.resolve("pgdata").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            if (!lines.isEmpty() && lines.get(0).trim().matches("\\d+")) {
                long pid = Long.parseLong(lines.get(0).trim());
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().command().orElse("").contains("postgres"))
                        .ifPresent(p -> {
                            try {
                                new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
                                p.onExit().get(60, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                p.destroyForcibly();
                            }
                        });
            }
        }
        if (Files.exists(data)) {
            try (Stream<Path> walk = Files.walk(data)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.createDirectories(data);
    }
}
