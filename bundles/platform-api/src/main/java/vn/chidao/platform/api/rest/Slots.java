package vn.chidao.platform.api.rest;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code size} runs of some costly work at once on this node (exports, reports); one more is
 * refused at once with 503 {@code server-busy} and a Retry-After, rather than queued behind the others
 * where it would hold a thread, a connection and memory while it waits.
 */
public final class Slots {

    /** A place taken; closing it (more than once is harmless) frees it. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore free;
    private final int size;
    private final int retryAfterSeconds;
    private final String busyVi;
    private final String busyEn;

    /** {@code busyVi}/{@code busyEn}: the detail of the refusal, saying what is busy. */
    public Slots(int size, int retryAfterSeconds, String busyVi, String busyEn) {
        if (size < 1) {
            throw new IllegalArgumentException("slots must be at least 1: " + size);
        }
        this.free = new Semaphore(size);
        this.size = size;
        this.retryAfterSeconds = retryAfterSeconds;
        this.busyVi = busyVi;
        this.busyEn = busyEn;
    }

    /** Takes a place, or throws the 503 {@code server-busy} problem when all are taken. */
    public Slot take() {
        if (!free.tryAcquire()) {
            throw ProblemException.unavailable("server-busy", busyVi, busyEn, retryAfterSeconds);
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.getAndSet(false)) {
                free.release();
            }
        };
    }

    public int size() {
        return size;
    }

    /** Places free now (for health and tests). */
    public int available() {
        return free.availablePermits();
    }
}
