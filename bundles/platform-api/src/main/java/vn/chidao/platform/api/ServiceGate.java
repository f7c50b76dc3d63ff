package vn.chidao.platform.api;

import java.util.concurrent.TimeUnit;

/**
 * Holds another module's service for a dynamic reference, so that the holder survives that module being
 * updated: while the service is away (between the old one leaving and the new one arriving), {@link #get()}
 * waits for it for a bounded time instead of failing at once. Bind and unbind it from greedy dynamic
 * {@code @Reference} methods; DS binds the replacement before unbinding the old one.
 */
public final class ServiceGate<T> {

    /** System property: the longest a request waits for a missing service, in milliseconds. */
    public static final String WAIT_PROPERTY = "chidao.dependency.wait.ms";

    private final String name;
    private final long waitNanos;
    private final Object lock = new Object();
    private volatile T current;

    /** {@code name} says what is missing in the 503 answer, for example "danh bạ cơ quan / agency directory". */
    public ServiceGate(String name) {
        this(name, Long.getLong(WAIT_PROPERTY, 10_000));
    }

    public ServiceGate(String name, long waitMillis) {
        this.name = name;
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
    }

    public void bind(T service) {
        synchronized (lock) {
            current = service;
            lock.notifyAll();
        }
    }

    public void unbind(T service) {
        synchronized (lock) {
            if (current == service) {
                current = null;
            }
        }
    }

    /** The service, waiting for it while it is being replaced; {@link ServiceUnavailableException} past the bound. */
    public T get() {
        T s = current;
        if (s != null) {
            return s;
        }
        long deadline = System.nanoTime() + waitNanos;
        synchronized (lock) {
            while ((s = current) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ServiceUnavailableException(name);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServiceUnavailableException(name);
                }
            }
            return s;
        }
    }

    /** Whether the service is bound now (no waiting). */
    public boolean present() {
        return current != null;
    }
}
