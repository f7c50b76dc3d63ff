package vn.chidao.platform.auth;

import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.SshServer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.auth.Authenticator;

/**
 * Karaf fixes the roles of an ssh session or a JMX connection at login; this re-checks every open one
 * against the account behind it, every few seconds, through the highest-ranked {@link Authenticator}.
 * One whose account was locked, disabled, sent back to a one-time password or lost a role it was let
 * in with loses its roles at once (its next command or MBean call is refused); an ssh session is also
 * closed. ssh sessions are found through Karaf's ssh server, which registers itself as a service
 * (optional, so that the platform resolves without the ssh feature).
 */
@Component(configurationPid = "vn.chidao.shell")
@Designate(ocd = ShellSessionGuard.Config.class)
public class ShellSessionGuard {

    @ObjectClassDefinition(name = "Chidao shell sessions")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between re-checks of the accounts behind open ssh sessions and JMX connections")
        int recheckSeconds() default 5;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShellSessionGuard.class);

    private final AuthenticatorChoice choice;
    private volatile Set<Subject> doubted = Set.of();
    private final SshServer server;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chidao-shell-guard"));

    @Activate
    public ShellSessionGuard(@Reference AuthenticatorChoice choice, Config config, @Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) SshServer server) {
        this.choice = choice;
        this.server = server;
        long every = Math.max(1, config.recheckSeconds());
        scheduler.scheduleWithFixedDelay(this::recheckQuietly, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }

    private void recheckQuietly() {
        try {
            recheck();
        } catch (RuntimeException e) {
            // the database or the account module may be restarting: keep the sessions, try again next round
            LOG.warn("Could not re-check the accounts of open ssh sessions: {}", e.toString());
        }
    }

    void recheck() {
        // while the account module is being replaced, the first-administrator authenticator must not judge
        Authenticator auth = choice.ifSettled();
        if (auth == null) {
            return;
        }
        Map<String, Optional<Caller>> callers = new HashMap<>();
        Function<String, Optional<Caller>> account = u -> callers.computeIfAbsent(u, auth::callerFor);
        // a verdict acts only when two rounds in a row agree: a round taken while the account module is
        // half-way through an update must not close an administrator's session
        Set<Subject> doubtedNow = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AbstractSession session : server == null ? List.<AbstractSession>of() : server.getActiveSessions()) {
            Optional<Subject> subject = subjectOf(session);
            Optional<String> user = subject.flatMap(ShellSessionGuard::username);
            if (user.isPresent() && !stillAllowed(subject.get(), account.apply(user.get()), "ssh")
                    && confirmed(subject.get(), doubtedNow)) {
                LOG.info("Closing the ssh session of '{}' from {}: the account no longer allows it", user.get(),
                        session.getRemoteAddress());
                takeRoles(subject.get());
                session.close(true);
            }
        }
        for (JmxLogins.Open jmx : JmxLogins.open()) {
            if (!stillAllowed(jmx.subject(), account.apply(jmx.username()), KarafRoles.JMX)
                    && confirmed(jmx.subject(), doubtedNow)) {
                LOG.info("Taking the roles from the JMX connection of '{}': the account no longer allows them", jmx.username());
                takeRoles(jmx.subject());
                JmxLogins.forget(jmx.subject());
            }
        }
        doubted = doubtedNow;
    }

    /** Whether the previous round doubted this subject too; if not, it is doubted until the next round. */
    private boolean confirmed(Subject subject, Set<Subject> doubtedNow) {
        if (doubted.contains(subject)) {
            return true;
        }
        doubtedNow.add(subject);
        return false;
    }

    /** Whether every role the subject holds is one the account still warrants on that door. */
    private static boolean stillAllowed(Subject subject, Optional<Caller> account, String door) {
        List<String> allowed = account.map(c -> KarafRoles.of(c, door)).orElse(List.of());
        return allowed.containsAll(roles(subject));
    }

    /** From now on every command or MBean call of the subject is refused, even one racing the close. */
    private static void takeRoles(Subject subject) {
        try {
            subject.getPrincipals().removeIf(p -> p instanceof RolePrincipal);
        } catch (RuntimeException readOnly) {
            LOG.warn("Could not take the roles from a session's subject: {}", readOnly.toString());
        }
    }

    /** Karaf's ssh authenticator keeps the logged-in subject as a session attribute. */
    private static Optional<Subject> subjectOf(AttributeRepository session) {
        for (AttributeRepository.AttributeKey<?> key : session.attributeKeys()) {
            if (session.getAttribute(key) instanceof Subject s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> username(Subject subject) {
        return subject.getPrincipals(UserPrincipal.class).stream().map(Principal::getName).findFirst();
    }

    private static Set<String> roles(Subject subject) {
        return subject.getPrincipals(RolePrincipal.class).stream().map(Principal::getName).collect(Collectors.toSet());
    }
}
