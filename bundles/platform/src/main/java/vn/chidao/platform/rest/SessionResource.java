package vn.chidao.platform.rest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.auth.Authenticator;
import vn.chidao.platform.auth.AuthenticatorChoice;
import vn.chidao.platform.api.auth.Credentials;
import vn.chidao.platform.api.auth.Session;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;
import vn.chidao.platform.api.rest.SetupAllowed;
import vn.chidao.platform.auth.Tokens;

/**
 * Login, logout and password change for the console and for REST clients, on whichever
 * {@link Authenticator} ranks highest. The session token comes back in the body (bearer use) and as
 * an HttpOnly SameSite=Strict cookie (console use, with the CSRF token from the body).
 */
@Component(service = SessionResource.class, property = RestModule.PROPERTY + "=" + RestModule.PLATFORM)
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
@SetupAllowed
public class SessionResource {

    @Reference
    private AuthenticatorChoice authenticators;

    @Reference
    private ChidaoClock clock;

    public record LoginForm(String username, String password, String otp) {
    }

    public record PasswordChange(String oldPassword, String newPassword) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "Signed in: the person, the token and when it expires (also set as a cookie)",
            content = @Content(schema = @Schema(type = "object")))
    public Response login(LoginForm credentials, @Context HttpServletRequest request) {
        if (credentials == null || credentials.username() == null || credentials.password() == null
                || credentials.username().length() > 100 || credentials.password().length() > 1000) {
            throw ProblemException.badRequest("invalid-credentials-format", "Cần tên đăng nhập và mật khẩu.",
                    "Username and password are required.");
        }
        try {
            Session s = authenticators.current().login(new Credentials(credentials.username(), credentials.password().toCharArray(),
                    credentials.otp(), request == null ? null : request.getRemoteAddr(), Credentials.Channel.CONSOLE));
            Map<String, Object> body = describe(s.caller(), s.token());
            body.put("token", s.token());
            body.put("expiresAt", s.expiresAt());
            int maxAge = (int) Duration.between(clock.now(), s.expiresAt()).getSeconds();
            return Response.ok(body).header("Set-Cookie", cookie(s.token(), maxAge, request)).build();
        } catch (AuthenticationException e) {
            throw e.problem();
        }
    }

    @GET
    public Map<String, Object> current(@Context SecurityContext security) {
        return describe(RestModule.caller(security), RestModule.token(security));
    }

    @DELETE
    @ApiResponse(responseCode = "204", description = "Signed out")
    public Response logout(@Context SecurityContext security, @Context HttpServletRequest request) {
        authenticators.current().logout(RestModule.token(security));
        return Response.noContent().header("Set-Cookie", cookie("", 0, request)).build();
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "204", description = "Changed; every session of the person ends")
    public Response changePassword(PasswordChange change, @Context SecurityContext security,
                                   @Context HttpServletRequest request) {
        if (change == null || change.oldPassword() == null || change.newPassword() == null
                || change.newPassword().length() > 1000) {
            throw ProblemException.badRequest("invalid-password-change", "Cần mật khẩu hiện tại và mật khẩu mới.",
                    "The current and the new password are required.");
        }
        try {
            authenticators.current().changePassword(RestModule.caller(security), change.oldPassword().toCharArray(),
                    change.newPassword().toCharArray(), request == null ? null : request.getRemoteAddr());
        } catch (AuthenticationException e) {
            if ("invalid-credentials".equals(e.reason())) {
                // a wrong current password is a bad request from a logged-in user, not a lost session
                throw ProblemException.badRequest("wrong-password", e.getMessage(), "The current password is wrong.");
            }
            throw e.problem();
        }
        // every session of the user is revoked: the console logs in again with the new password
        return Response.noContent().header("Set-Cookie", cookie("", 0, request)).build();
    }

    private static Map<String, Object> describe(Caller c, String token) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", c.userId());
        user.put("username", c.username());
        user.put("fullName", c.fullName());
        user.put("agencyId", c.agencyId());
        user.put("roles", c.roles());
        user.put("mustChangePassword", c.mustChangePassword());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user);
        body.put("csrfToken", token == null ? null : Tokens.csrf(token));
        return body;
    }

    private static String cookie(String value, int maxAge, HttpServletRequest request) {
        boolean secure = request != null && request.isSecure();
        return AuthFilter.COOKIE + "=" + value + "; Path=/; Max-Age=" + Math.max(0, maxAge) + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

}
