package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.Test;
import org.osgi.framework.ServiceRegistration;

import vn.chidao.itests.support.Http;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.auth.Authenticator;
import vn.chidao.platform.api.auth.Session;

/**
 * The authentication SPI is replaceable (as the account module will do) and roles are enforced from
 * the implementation's annotations even when JAX-RS annotations live on an interface.
 */
public class AuthorizationIT extends ChidaoTestSupport {

    /** A higher-ranked authenticator knowing a clerk and a leader by fixed tokens. */
    static final class TwoPeople implements Authenticator {
        static Caller person(String name, String role) {
            return new Caller(UUID.nameUUIDFromBytes(name.getBytes()), name, name, Ids.NO_AGENCY, Set.of(role), Set.of(), false);
        }

        @Override
        public Session login(String username, char[] password, String remoteAddress) throws AuthenticationException {
            throw new AuthenticationException("invalid-credentials", "no");
        }

        @Override
        public Optional<Caller> resolve(String token) {
            return switch (token) {
                case "clerk-token" -> Optional.of(person("vanthu", Roles.CLERK));
                case "leader-token" -> Optional.of(person("lanhdao", Roles.LEADER));
                default -> Optional.empty();
            };
        }

        @Override
        public void logout(String token) {
        }

        @Override
        public void changePassword(Caller caller, char[] oldPassword, char[] newPassword) {
        }
    }

    @Test(timeout = 60_000)
    public void replacementAuthenticatorAndRolesFromTheImplementation() throws Exception {
        String admin = adminToken();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("service.ranking", 1000);
        ServiceRegistration<Authenticator> reg = bundleContext.registerService(Authenticator.class, new TwoPeople(), props);
        try {
            Http.await(Duration.ofSeconds(10), () -> http.get("/api/v1/testmodule/directions", "leader-token").status() == 200);
            assertEquals(200, http.get("/api/v1/testmodule/directions", "leader-token").status());
            PlatformIT.assertProblem(http.get("/api/v1/testmodule/directions", "clerk-token"), 403, "forbidden");
            assertEquals(200, http.get("/api/v1/testmodule/directions/public", "clerk-token").status());
            assertEquals(200, http.get("/api/v1/testmodule/directions/public", null).status());
            PlatformIT.assertProblem(http.get("/api/v1/testmodule/directions", null), 401, "unauthenticated");
            PlatformIT.assertProblem(http.get("/api/v1/journal", "clerk-token"), 403, "forbidden");
            // the first administrator's sessions belong to the replaced authenticator now
            PlatformIT.assertProblem(http.get("/api/v1/journal", admin), 401, "unauthenticated");
        } finally {
            reg.unregister();
        }
        assertEquals("back to the first administrator", 200, http.get("/api/v1/journal", admin).status());
    }
}
