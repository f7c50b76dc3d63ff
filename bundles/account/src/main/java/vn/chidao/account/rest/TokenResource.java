package vn.chidao.account.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.internal.AccountAuthenticator;
import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.auth.Credentials;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;
import vn.chidao.platform.api.rest.SetupAllowed;

/**
 * Tokens for other systems: login gives a 5-minute signed access token and a refresh token; refresh
 * rotates both; logout revokes the session behind them. (The console uses /api/v1/session instead.)
 */
@Component(service = TokenResource.class, property = RestModule.PROPERTY + "=account")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Reference
    private AccountAuthenticator authenticator;

    @POST
    @Path("login")
    @PermitAll
    public Map<String, Object> login(Forms.Login form, @Context HttpServletRequest request) {
        Forms.Login f = Forms.required(form);
        if (f.username() == null || f.password() == null || f.username().length() > 100 || f.password().length() > 1000
                || (f.otp() != null && f.otp().length() > 20)) {
            throw ProblemException.badRequest("invalid-credentials-format", "Cần tên đăng nhập và mật khẩu.",
                    "Username and password are required.");
        }
        try {
            return body(authenticator.loginForApi(new Credentials(f.username(), f.password().toCharArray(), f.otp(),
                    request == null ? null : request.getRemoteAddr(), Credentials.Channel.API)));
        } catch (AuthenticationException e) {
            throw e.problem();
        }
    }

    @POST
    @Path("refresh")
    @PermitAll
    public Map<String, Object> refresh(Forms.Refresh form) {
        try {
            return body(authenticator.refresh(Forms.required(form).refreshToken()));
        } catch (AuthenticationException e) {
            throw e.problem();
        }
    }

    @POST
    @Path("logout")
    @SetupAllowed
    @ApiResponse(responseCode = "204", description = "Done")
    public Response logout(@Context SecurityContext security) {
        authenticator.logout(RestModule.token(security));
        return Response.noContent().build();
    }

    private static Map<String, Object> body(AccountAuthenticator.Tokens t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenType", "Bearer");
        m.put("accessToken", t.accessToken());
        m.put("expiresIn", t.expiresIn());
        m.put("refreshToken", t.refreshToken());
        m.put("user", MeResource.caller(t.caller()));
        return m;
    }
}
