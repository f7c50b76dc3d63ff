package vn.chidao.platform.content;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import vn.chidao.platform.api.content.ContentRejectedException;

/**
 * Where uploaded files are parsed (PDFs, images): at most {@code parallel} at a time on a pool of their
 * own, each abandoned past its deadline. A slot is freed only when its parse really ends, so a parse
 * that ignores the interruption still counts against the limit. When every slot is taken, a new upload
 * waits briefly, then is refused with 503 {@code server-busy}.
 */
final class Inspections implements AutoCloseable {

    static final Duration WAIT_FOR_SLOT = Duration.ofSeconds(5);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Semaphore slots;
    private final ExecutorService pool;
    private final Duration deadline;

    Inspections(int parallel, Duration deadline) {
        if (parallel < 1 || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("parallel inspections and their deadline must be positive");
        }
        this.slots = new Semaphore(parallel);
        this.deadline = deadline;
        int poolNo = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(parallel, parallel, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "chidao-inspection-" + poolNo + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    /** Runs the parse in a slot, within the deadline; its {@link ContentRejectedException} passes through. */
    <T> T run(Callable<T> parse) {
        try {
            if (!slots.tryAcquire(WAIT_FOR_SLOT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        Future<T> future;
        try {
            future = pool.submit(() -> {
                try {
                    return parse.call();
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            throw busy();
        }
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw FileChecks.tooComplex("Kiểm tra tệp mất quá " + deadline.toSeconds() + " giây.",
                    "Checking the file took longer than " + deadline.toSeconds() + " seconds.");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof OutOfMemoryError) {
                // the parse's own allocations are gone with it; the file is what made it fail
                throw FileChecks.tooComplex("Tệp cần quá nhiều bộ nhớ để kiểm tra.", "Checking the file needs too much memory.");
            }
            throw new IllegalStateException("Inspecting a file failed: " + cause, cause);
        }
    }

    static ContentRejectedException busy() {
        return new ContentRejectedException(503, "server-busy",
                "Máy chủ đang kiểm tra nhiều tệp khác; vui lòng gửi lại sau ít phút.",
                "The server is checking many other files; please send this one again in a few minutes.");
    }

    @Override
    public void close() {
        pool.shutdown(); // parses under way end on their own (or at their deadline); none starts
    }
}
