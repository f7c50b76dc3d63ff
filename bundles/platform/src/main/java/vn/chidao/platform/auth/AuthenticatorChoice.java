package vn.chidao.platform.auth;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import vn.chidao.platform.api.ServiceUnavailableException;
import vn.chidao.platform.api.auth.Authenticator;

/**
 * The authenticator to judge a request with: the highest-ranked one, but while a higher-ranked one than
 * those present has just left (the account module is being updated) requests wait for it, for a bounded
 * time, rather than being judged by the foundation's first-administrator authenticator, which knows none of
 * the account module's tokens. Only after a grace period does a lower one take over for good, or at once
 * when the better one is withdrawn while its bundle keeps running.
 */
@Component(service = AuthenticatorChoice.class, configurationPid = "vn.chidao.rest")
public class AuthenticatorChoice {

    /** The same keys as the REST publisher's configuration (described there). */
    public @interface Config {
        long moduleWaitMillis() default 10_000;

        int moduleGraceSeconds() default 15;
    }

    private record Key(int ranking, long id) {
    }

    private final Map<Key, Bundle> providers = new java.util.HashMap<>();

    private static final Comparator<Key> BEST_FIRST = Comparator.comparingInt(Key::ranking).reversed()
            .thenComparingLong(Key::id);

    private final TreeMap<Key, Authenticator> present = new TreeMap<>(BEST_FIRST);
    private final long waitNanos;
    private final long graceNanos;
    private int expected = Integer.MIN_VALUE;
    private long lostAt;

    @Activate
    public AuthenticatorChoice(Config config) {
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(config.moduleWaitMillis());
        this.graceNanos = TimeUnit.SECONDS.toNanos(config.moduleGraceSeconds());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bind(ServiceReference<Authenticator> ref, Authenticator a) {
        Key k = key(ref);
        present.put(k, a);
        providers.put(k, ref.getBundle());
        expected = Math.max(expected, k.ranking());
        notifyAll();
    }

    synchronized void unbind(ServiceReference<Authenticator> ref, Authenticator a) {
        Key k = key(ref);
        present.remove(k);
        Bundle provider = providers.remove(k);
        if (!present.isEmpty() && present.firstKey().ranking() >= expected) {
            return;
        }
        if (provider != null && provider.getState() == Bundle.ACTIVE) {
            // withdrawn while its bundle runs on (not an update): the next one takes over at once
            expected = present.isEmpty() ? Integer.MIN_VALUE : present.firstKey().ranking();
            return;
        }
        lostAt = System.nanoTime(); // its bundle is stopping: an update or a refresh, it should come back
    }

    /** The authenticator now, waiting while a better one is being replaced; never null. */
    public synchronized Authenticator current() {
        long start = System.nanoTime();
        while (true) {
            Map.Entry<Key, Authenticator> best = present.firstEntry();
            long now = System.nanoTime();
            if (best != null && best.getKey().ranking() >= expected) {
                return best.getValue();
            }
            if (now - lostAt > graceNanos) {
                if (best == null) {
                    throw new ServiceUnavailableException("xác thực / authentication");
                }
                expected = best.getKey().ranking(); // the better one is gone for good: settle for what is here
                return best.getValue();
            }
            long left = start + waitNanos - now;
            if (left <= 0) {
                throw new ServiceUnavailableException("xác thực / authentication");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, graceNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException("xác thực / authentication");
            }
        }
    }

    /** The authenticator now if the best expected one is present, without waiting; null otherwise. */
    public synchronized Authenticator ifSettled() {
        Map.Entry<Key, Authenticator> best = present.firstEntry();
        return best != null && best.getKey().ranking() >= expected ? best.getValue() : null;
    }

    private static Key key(ServiceReference<?> ref) {
        Object r = ref.getProperty(Constants.SERVICE_RANKING);
        return new Key(r instanceof Integer i ? i : 0, (Long) ref.getProperty(Constants.SERVICE_ID));
    }
}
