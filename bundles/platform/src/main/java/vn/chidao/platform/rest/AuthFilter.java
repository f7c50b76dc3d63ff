package vn.chidao.platform.rest;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.annotation.Priority;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.apache.cxf.jaxrs.model.OperationResourceInfo;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.auth.Authenticator;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;
import vn.chidao.platform.api.rest.SetupAllowed;
import vn.chidao.platform.auth.Tokens;

/**
 * Authenticates every request to a Chidao application (bearer token, or the console's session cookie
 * plus CSRF header for state changes) and enforces {@code @RolesAllowed}; only {@code @PermitAll}
 * endpoints are open. System administrators pass every role check.
 */
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {

    public static final String COOKIE = "CHIDAO_SESSION";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Supplier<Authenticator> authenticator;

    public AuthFilter(Supplier<Authenticator> authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        Target target = currentTarget();
        Method method = target == null ? null : target.method();
        boolean open = target != null && (target.has(PermitAll.class)
                || (target.typeHas(PermitAll.class) && !target.has(RolesAllowed.class)));
        String token = null;
        boolean fromCookie = false;
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        } else {
            Cookie c = ctx.getCookies().get(COOKIE);
            if (c != null) {
                token = c.getValue();
                fromCookie = true;
            }
        }
        Authenticator auth = token == null ? null : authenticator.get();
        Optional<Caller> caller;
        try {
            caller = auth == null ? Optional.empty() : auth.resolve(token);
        } catch (RuntimeException e) {
            if (!open || !DatabaseAway.is(e)) {
                throw e;
            }
            // open endpoints (health above all) answer anonymously while the database is away
            caller = Optional.empty();
        }
        if (caller.isEmpty()) {
            if (open) {
                return;
            }
            throw Problems.of(401);
        }
        if (fromCookie && !SAFE.contains(ctx.getMethod()) && !Tokens.csrf(token).equals(ctx.getHeaderString(CSRF_HEADER))) {
            throw new ProblemException(403, "csrf", "Thiếu mã chống giả mạo",
                    "Yêu cầu thay đổi dữ liệu từ trình duyệt phải kèm mã chống giả mạo (X-CSRF-Token).",
                    "CSRF token missing", "State-changing requests from the browser must carry X-CSRF-Token.");
        }
        Caller who = caller.get();
        String sessionToken = token;
        boolean secure = ctx.getSecurityContext() != null && ctx.getSecurityContext().isSecure();
        ctx.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return new RestModule.CallerPrincipal(who, sessionToken);
            }

            @Override
            public boolean isUserInRole(String role) {
                return who.hasRole(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
        if (who.mustChangePassword() && !(target != null && (target.has(SetupAllowed.class)
                || target.typeHas(SetupAllowed.class)))) {
            throw new ProblemException(403, "password-change-required", "Cần đổi mật khẩu",
                    "Bạn đang dùng mật khẩu một lần: hãy đổi mật khẩu trước khi tiếp tục.",
                    "Password change required", "You hold a one-time password: change it before going on.");
        }
        RolesAllowed roles = target == null ? null : Optional.ofNullable(target.get(RolesAllowed.class))
                .orElse(target.typeGet(RolesAllowed.class));
        if (roles != null && !target.has(PermitAll.class) && !who.hasRole(Roles.SYSTEM_ADMIN)
                && Arrays.stream(roles.value()).noneMatch(who::hasRole)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * The method that will run and its resource class. Security annotations count wherever they are:
     * on the implementation (method or class) or on the interface/superclass method carrying @GET/@Path.
     */
    record Target(Method method, Method annotated, Class<?> type) {
        <A extends java.lang.annotation.Annotation> A get(Class<A> a) {
            A found = method.getAnnotation(a);
            return found != null ? found : annotated.getAnnotation(a);
        }

        boolean has(Class<? extends java.lang.annotation.Annotation> a) {
            return get(a) != null;
        }

        <A extends java.lang.annotation.Annotation> A typeGet(Class<A> a) {
            A found = type.getAnnotation(a);
            return found != null ? found : annotated.getDeclaringClass().getAnnotation(a);
        }

        boolean typeHas(Class<? extends java.lang.annotation.Annotation> a) {
            return typeGet(a) != null;
        }
    }

    static Target currentTarget() {
        Message m = JAXRSUtils.getCurrentMessage();
        OperationResourceInfo ori = m == null ? null : m.getExchange().get(OperationResourceInfo.class);
        if (ori == null) {
            return null;
        }
        Method annotated = ori.getAnnotatedMethod();
        Method invoked = ori.getMethodToInvoke() != null ? ori.getMethodToInvoke() : annotated;
        Class<?> type = ori.getClassResourceInfo() != null ? ori.getClassResourceInfo().getServiceClass()
                : invoked.getDeclaringClass();
        return new Target(invoked, annotated, type);
    }
}
