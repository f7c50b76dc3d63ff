package vn.chidao.platform.auth;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.Subject;

/**
 * The subjects of open JMX connections that logged in through the Chidao realm. Karaf's JMX server
 * checks each call against the subject's roles, fixed at connect time; {@link ShellSessionGuard} takes
 * them back when the account is locked or demoted. Weakly held: a closed connection's subject goes.
 */
final class JmxLogins {

    /** One connection's subject and the account behind it. */
    record Open(Subject subject, String username) {
    }

    private record Entry(WeakReference<Subject> subject, String username) {
    }

    private static final List<Entry> OPEN = new ArrayList<>();

    private JmxLogins() {
    }

    static synchronized void add(Subject subject, String username) {
        OPEN.add(new Entry(new WeakReference<>(subject), username));
    }

    /** The connections still referenced; forgets the others. */
    static synchronized List<Open> open() {
        List<Open> open = new ArrayList<>();
        OPEN.removeIf(e -> e.subject().get() == null);
        OPEN.forEach(e -> {
            Subject s = e.subject().get();
            if (s != null) {
                open.add(new Open(s, e.username()));
            }
        });
        return open;
    }

    static synchronized void forget(Subject subject) {
        OPEN.removeIf(e -> e.subject().get() == subject);
    }
}
