package vn.chidao.platform.auth;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.auth.Authenticator;
import vn.chidao.platform.api.auth.Credentials;
import vn.chidao.platform.api.auth.Session;

/**
 * JAAS login against the highest-ranked Chidao {@link Authenticator}. A system administrator gets
 * Karaf's admin roles (and {@code ssh}); an agency administrator gets ssh for the commands the ACL
 * files open to them, never JMX; nobody else gets in (see {@link KarafRoles}). A one-time password must
 * be changed in the console before the shell accepts it. The client's address, which Karaf's ssh and
 * JMX servers put in the subject before the login, goes to the authenticator so that failed logins are
 * throttled per address on these doors too.
 */
public class ChidaoLoginModule implements LoginModule {

    private Subject subject;
    private CallbackHandler handler;
    /** Karaf's ClientPrincipal method ("ssh", "jmx") and the client's address; null for other doors. */
    private String door;
    private String remoteAddress;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        subject.getPrincipals(ClientPrincipal.class).stream().findFirst().ifPresent(client -> {
            door = client.getMethod();
            remoteAddress = ClientAddress.host(client.getAddress());
        });
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("Tên đăng nhập: ");
        PasswordCallback password = new PasswordCallback("Mật khẩu: ", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException("Cannot read credentials: " + e.getMessage());
        }
        char[] pw = password.getPassword() == null ? new char[0] : password.getPassword();
        BundleContext bc = FrameworkUtil.getBundle(ChidaoLoginModule.class).getBundleContext();
        ServiceReference<Authenticator> ref = bc.getServiceReference(Authenticator.class);
        if (ref == null) {
            throw new LoginException("Authentication is not available yet");
        }
        Authenticator auth = bc.getService(ref);
        try {
            Session s = auth.login(new Credentials(name.getName(), pw, null, remoteAddress, Credentials.Channel.SHELL));
            auth.logout(s.token());
            Caller caller = s.caller();
            if (caller.mustChangePassword()) {
                throw new FailedLoginException("Change the one-time password in the console (/console) first");
            }
            List<String> roles = KarafRoles.of(caller, door);
            if (roles.isEmpty()) {
                throw new FailedLoginException(KarafRoles.JMX.equals(door) ? "Only system administrators may use JMX"
                        : "Only administrators may use the Karaf shell");
            }
            principals.clear();
            principals.add(new UserPrincipal(caller.username()));
            roles.forEach(r -> principals.add(new RolePrincipal(r)));
            return true;
        } catch (AuthenticationException e) {
            throw new FailedLoginException(e.getMessage());
        } finally {
            bc.ungetService(ref);
            password.clearPassword();
        }
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        // ssh sessions are found through Karaf's ssh server; JMX connections are remembered here
        if (KarafRoles.JMX.equals(door)) {
            principals.stream().filter(UserPrincipal.class::isInstance).findFirst()
                    .ifPresent(user -> JmxLogins.add(subject, user.getName()));
        }
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}
