package vn.chidao.platform.auth;

import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.osgi.framework.Constants;

import vn.chidao.platform.api.ServiceUnavailableException;
import vn.chidao.platform.api.auth.Authenticator;

public class AuthenticatorChoiceTest {

    private final Authenticator firstAdmin = proxy();
    private final Authenticator accounts = proxy();
    private final Authenticator newAccounts = proxy();

    @Test
    public void theBestRankedOneJudges() {
        AuthenticatorChoice choice = choice(60_000, 15);
        choice.bind(firstAdmin, props(-100, 1));
        choice.bind(accounts, props(100, 2));
        assertSame(accounts, choice.current());
    }

    @Test
    public void whileTheAccountModuleIsReplacedRequestsWaitForItInsteadOfFallingToTheFirstAdministrator() throws Exception {
        AuthenticatorChoice choice = choice(60_000, 15);
        accountsLeft(choice);
        assertSame("the shell re-check skips a round", null, choice.ifSettled());
        CompletableFuture<Authenticator> request = CompletableFuture.supplyAsync(choice::current);
        choice.bind(newAccounts, props(100, 3));
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
        choice.bind(firstAdmin, props(-100, 1));
        choice.bind(accounts, props(100, 2));
        choice.unbind(accounts, props(100, 2));
    }

    private static Map<String, Object> props(int ranking, long id) {
        return Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id);
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
