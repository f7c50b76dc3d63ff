package vn.chidao.platform.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a module whose resources changed is published again, holding its requests in
 * {@link ModuleTraffic} meanwhile. A bundle update stops and starts a module's components one by one, and a
 * refresh may leave its bundle active for seconds while its components wait for migrations or another module:
 * the module is published again once every resource class it had is back, or with what is there once its
 * bundles are active and nothing changed for the grace period (a new version that dropped a resource is not
 * held forever). With nothing back, requests are held until the module returns or the grace period ends
 * (5 s at most once its bundles are uninstalled: long enough for a feature reinstall).
 */
final class ModuleSettling {

    /** What the publisher does for a module: its resource classes now, and rebuilding its application. */
    interface Applications {
        Set<String> resourceClasses(String module);

        /** Rebuilds the module's application from its resources now; false when it has none left. */
        boolean rebuild(String module);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ModuleSettling.class);

    /** One module's change in progress and what it looked like when last published whole. */
    private static final class Watch {
        final Set<Bundle> bundles = ConcurrentHashMap.newKeySet();
        Set<String> complete = Set.of();
        long closedSince;
        long lastChange;
        ScheduledFuture<?> next;
    }

    private final ModuleTraffic traffic;
    private final Applications applications;
    private final long settleMillis;
    private final long graceNanos;
    private final Map<String, Watch> watches = new HashMap<>();
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chidao-rest-rebuild"));

    ModuleSettling(ModuleTraffic traffic, Applications applications, long settleMillis, int graceSeconds) {
        this.traffic = traffic;
        this.applications = applications;
        this.settleMillis = settleMillis;
        this.graceNanos = TimeUnit.SECONDS.toNanos(graceSeconds);
    }

    /**
     * A resource of the module came ({@code provider} is its bundle) or is leaving ({@code provider} null):
     * hold the module's requests, let those in flight finish (at most {@code drainMillis}), and settle later.
     */
    void changed(String module, Bundle provider, long drainMillis) {
        long now = System.nanoTime();
        synchronized (this) {
            Watch w = watches.computeIfAbsent(module, m -> new Watch());
            if (provider != null) {
                w.bundles.add(provider);
            }
            if (traffic.isOpen(module)) {
                w.closedSince = now;
            }
            w.lastChange = now;
        }
        traffic.close(module, drainMillis); // outside the lock: it may wait
        schedule(module, settleMillis);
    }

    void shutdown() {
        executor.shutdownNow();
    }

    private synchronized void schedule(String module, long delayMillis) {
        Watch w = watches.get(module);
        if (w == null || executor.isShutdown()) {
            return;
        }
        if (w.next != null) {
            w.next.cancel(false);
        }
        w.next = executor.schedule(() -> settle(module), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void settle(String module) {
        Watch w;
        synchronized (this) {
            w = watches.get(module);
        }
        if (w == null) {
            return;
        }
        long now = System.nanoTime();
        Set<String> present = applications.resourceClasses(module);
        boolean whole = present.containsAll(w.complete) || (all(w, Bundle.ACTIVE) && now - w.lastChange > graceNanos);
        if (!present.isEmpty() && whole) {
            if (applications.rebuild(module)) {
                w.complete = present;
                traffic.open(module);
            } else {
                forget(module); // refused (an invalid or reserved name): nothing to wait for
            }
            return;
        }
        long grace = all(w, Bundle.UNINSTALLED) ? Math.min(TimeUnit.SECONDS.toNanos(5), graceNanos) : graceNanos;
        if (present.isEmpty() && now - w.closedSince > grace) {
            applications.rebuild(module);
            forget(module);
            LOG.info("REST module {} is gone", module);
            return;
        }
        schedule(module, 100);
    }

    private void forget(String module) {
        synchronized (this) {
            watches.remove(module);
        }
        traffic.forget(module);
    }

    private static boolean all(Watch w, int bundleState) {
        return w.bundles.stream().allMatch(b -> b.getState() == bundleState);
    }
}
