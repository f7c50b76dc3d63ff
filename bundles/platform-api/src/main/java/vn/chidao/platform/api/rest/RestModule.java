package vn.chidao.platform.api.rest;

import javax.ws.rs.core.SecurityContext;

import vn.chidao.platform.api.Caller;

/**
 * How a module publishes REST resources: register each resource object as an OSGi service with the
 * property {@value #PROPERTY} = module name. The platform gathers them into one JAX-RS application per
 * module at {@code /api/v1/<module>}, with the shared JSON provider, problem mappers, authentication
 * filter and idempotency filter. Resources are open to authenticated callers unless annotated with
 * {@code @RolesAllowed} (roles from {@link vn.chidao.platform.api.Roles}) or {@code @PermitAll}.
 */
public final class RestModule {

    public static final String PROPERTY = "chidao.rest.module";
    /** Module name of the platform's own application, directly under /api/v1. */
    public static final String PLATFORM = "platform";

    private RestModule() {
    }

    /** The caller of the current request, as set by the authentication filter. */
    public static Caller caller(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof CallerPrincipal p) {
            return p.caller();
        }
        throw new ProblemException(401, "unauthenticated", "Chưa đăng nhập", "Vui lòng đăng nhập.",
                "Not authenticated", "Please log in.");
    }

    /** The session token of the current request (bearer or cookie), for logout or switching agency. */
    public static String token(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof CallerPrincipal p) {
            return p.token();
        }
        throw new ProblemException(401, "unauthenticated", "Chưa đăng nhập", "Vui lòng đăng nhập.",
                "Not authenticated", "Please log in.");
    }

    /** The principal the authentication filter puts into the JAX-RS security context, with its session token. */
    public record CallerPrincipal(Caller caller, String token) implements java.security.Principal {
        @Override
        public String getName() {
            return caller.username();
        }
    }
}
