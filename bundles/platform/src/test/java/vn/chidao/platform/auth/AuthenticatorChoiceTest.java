package vn.chidao.platform.auth;

import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import vn.chidao.platform.api.ServiceUnavailableException;
import vn.chidao.platform.api.auth.Authenticator;

public class AuthenticatorChoiceTest {

    private final Authenticator firstAdmin = proxy();
    private final Authenticator accounts = proxy();
    private final Authenticator newAccounts = proxy();

    @Test
    public void theBestRankedOneJudges() {
        AuthenticatorChoice choice = choice(60_000, 15);
        choice.bind(ref(-100, 1, Bundle.ACTIVE), firstAdmin);
        choice.bind(ref(100, 2, Bundle.STOPPING), accounts);
        assertSame(accounts, choice.current());
    }

    @Test
    public void whileTheAccountModuleIsReplacedRequestsWaitForItInsteadOfFallingToTheFirstAdministrator() throws Exception {
        AuthenticatorChoice choice = choice(60_000, 15);
        accountsLeft(choice);
        assertSame("the shell re-check skips a round", null, choice.ifSettled());
        CompletableFuture<Authenticator> request = CompletableFuture.supplyAsync(choice::current);
        choice.bind(ref(100, 3, Bundle.ACTIVE), newAccounts);
        assertSame(newAccounts, request.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void pastTheWaitTheRequestIsToldToComeBack() {
        AuthenticatorChoice choice = choice(1, 15);
        accountsLeft(choice);
        assertThrows(ServiceUnavailableException.class, choice::current);
    }

    @Test
    public void aModuleGoneForGoodLeavesTheLesserOneInCharge() {
        AuthenticatorChoice choice = choice(1, 0);
        accountsLeft(choice);
        assertSame(firstAdmin, choice.current());
    }

    /** Both authenticators were there, then the account module's left (its bundle is being updated). */
    private void accountsLeft(AuthenticatorChoice choice) {
        choice.bind(ref(-100, 1, Bundle.ACTIVE), firstAdmin);
        choice.bind(ref(100, 2, Bundle.STOPPING), accounts);
        choice.unbind(ref(100, 2, Bundle.STOPPING), accounts);
    }

    @Test
    public void aBetterOneWithdrawnWhileItsBundleRunsOnHandsOverAtOnce() {
        AuthenticatorChoice choice = choice(60_000, 15);
        choice.bind(ref(-100, 1, Bundle.ACTIVE), firstAdmin);
        choice.bind(ref(1000, 4, Bundle.ACTIVE), accounts);
        choice.unbind(ref(1000, 4, Bundle.ACTIVE), accounts);
        assertSame(firstAdmin, choice.current());
    }

    /** A reference to an authenticator of that ranking, whose bundle is in that state (when it leaves). */
    @SuppressWarnings("unchecked")
    private static ServiceReference<Authenticator> ref(int ranking, long id, int bundleState) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> "getState".equals(m.getName()) ? bundleState : null);
        Map<String, Object> props = Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id);
        return (ServiceReference<Authenticator>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> switch (m.getName()) {
                    case "getProperty" -> props.get(a[0]);
                    case "getBundle" -> bundle;
                    case "hashCode" -> (int) id;
                    case "equals" -> p == a[0];
                    default -> null;
                });
    }

    private static AuthenticatorChoice choice(long waitMillis, int graceSeconds) {
        return new AuthenticatorChoice(new AuthenticatorChoice.Config() {
            @Override
            public long moduleWaitMillis() {
                return waitMillis;
            }

            @Override
            public int moduleGraceSeconds() {
                return graceSeconds;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return AuthenticatorChoice.Config.class;
            }
        });
    }

    private static Authenticator proxy() {
        return (Authenticator) Proxy.newProxyInstance(Authenticator.class.getClassLoader(),
                new Class<?>[] {Authenticator.class}, (p, m, a) -> null);
    }
}
