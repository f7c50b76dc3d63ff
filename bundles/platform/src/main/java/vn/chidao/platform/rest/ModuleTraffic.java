package vn.chidao.platform.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which REST modules are being replaced, and how many admitted requests each has in flight. A request for
 * a closed module waits (bounded) before it is dispatched; closing a module waits (bounded) for its admitted
 * requests to finish, so no request reaches resources whose bundle is stopping. Modules never seen are not
 * gated at all. One monitor for everything: a few modules, short critical sections.
 */
final class ModuleTraffic {

    private static final class State {
        boolean open;
        int admitted;
    }

    private final Map<String, State> states = new HashMap<>();
    private long longestWaitNanos;

    enum Admission { NOT_GATED, ADMITTED, UNAVAILABLE }

    /** Waits up to {@code waitMillis} while the module is closed; ADMITTED requests must be {@link #release}d. */
    synchronized Admission admit(String module, long waitMillis) {
        State s = states.get(module);
        if (s == null) {
            return Admission.NOT_GATED;
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (!s.open) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !waitOn(left)) {
                return Admission.UNAVAILABLE;
            }
            s = states.get(module);
            if (s == null) {
                return Admission.NOT_GATED; // the module is gone for good meanwhile
            }
        }
        longestWaitNanos = Math.max(longestWaitNanos, System.nanoTime() - start);
        s.admitted++;
        return Admission.ADMITTED;
    }

    synchronized void release(String module) {
        State s = states.get(module);
        if (s != null && s.admitted > 0) {
            s.admitted--;
            notifyAll();
        }
    }

    /**
     * Stops admitting requests for the module and, if it was open, waits up to {@code drainMillis} for those in
     * flight. Closing a closed module does not wait again: nothing was admitted since, and requests still in
     * flight may be waiting for the very service whose replacement is closing the module.
     */
    synchronized void close(String module, long drainMillis) {
        State s = states.computeIfAbsent(module, m -> new State());
        boolean wasOpen = s.open;
        s.open = false;
        if (!wasOpen) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        while (s.admitted > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !waitOn(left)) {
                return;
            }
        }
    }

    synchronized void open(String module) {
        states.computeIfAbsent(module, m -> new State()).open = true;
        notifyAll();
    }

    /** The module is gone for good: requests are no longer held for it. */
    synchronized void forget(String module) {
        states.remove(module);
        notifyAll();
    }

    synchronized boolean isOpen(String module) {
        State s = states.get(module);
        return s == null || s.open;
    }

    /** The longest any admitted request waited for a module, in milliseconds (shown in health for administrators). */
    synchronized long longestWaitMillis() {
        return TimeUnit.NANOSECONDS.toMillis(longestWaitNanos);
    }

    private boolean waitOn(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
