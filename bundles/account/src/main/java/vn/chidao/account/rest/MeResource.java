package vn.chidao.account.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.account.api.Grant;
import vn.chidao.account.api.User;
import vn.chidao.account.api.UserDraft;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;
import vn.chidao.platform.api.rest.SetupAllowed;
import vn.chidao.account.internal.AccountAuthenticator;

/** The caller's own account: profile, agencies and roles, password, second factor, acting agency. */
@Component(service = MeResource.class, property = RestModule.PROPERTY + "=account")
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@SetupAllowed
public class MeResource {

    @Reference
    private AccountAuthenticator authenticator;

    @Reference
    private Accounts accounts;

    @Reference
    private AgencyDirectory directory;

    @GET
    public Map<String, Object> me(@Context SecurityContext security) {
        return describe(RestModule.caller(security));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(UserDraft draft, @Context SecurityContext security) {
        Caller c = RestModule.caller(security);
        accounts.updateProfile(c, c.userId(), Forms.required(draft));
        return describe(c);
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "204", description = "Done")
    public Response password(Forms.PasswordChange change, @Context SecurityContext security,
                             @Context HttpServletRequest request) {
        Forms.PasswordChange p = Forms.required(change);
        if (p.oldPassword() == null || p.newPassword() == null || p.newPassword().length() > 1000) {
            throw ProblemException.badRequest("invalid-password-change", "Cần mật khẩu hiện tại và mật khẩu mới.",
                    "The current and the new password are required.");
        }
        try {
            authenticator.changePassword(RestModule.caller(security), p.oldPassword().toCharArray(), p.newPassword().toCharArray(),
                    request == null ? null : request.getRemoteAddr());
        } catch (AuthenticationException e) {
            throw "invalid-credentials".equals(e.reason())
                    ? ProblemException.badRequest("wrong-password", e.getMessage(), "The current password is wrong.") : e.problem();
        }
        return Response.noContent().build();
    }

    @POST
    @Path("totp")
    public Map<String, String> startTotp(@Context SecurityContext security) {
        return authenticator.startTotp(RestModule.caller(security));
    }

    @POST
    @Path("totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "204", description = "Done")
    public Response confirmTotp(Forms.Code code, @Context SecurityContext security) {
        authenticator.confirmTotp(RestModule.caller(security), Forms.required(code).code());
        return Response.noContent().build();
    }

    @POST
    @Path("agency")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> switchAgency(Forms.AgencyChoice choice, @Context SecurityContext security) {
        return describe(authenticator.switchAgency(RestModule.caller(security), RestModule.token(security),
                Forms.required(choice).agencyId()));
    }

    private Map<String, Object> describe(Caller c) {
        User u = accounts.user(c, c.userId()).orElseThrow(() -> ProblemException.notFound("Không tìm thấy tài khoản.", "No such user."));
        Map<UUID, List<String>> byAgency = new LinkedHashMap<>();
        List<Grant> grants = accounts.grants(c, c.userId());
        for (Grant g : grants) {
            if (g.revokedAt() == null && g.agencyId() != null) {
                byAgency.computeIfAbsent(g.agencyId(), k -> new ArrayList<>()).add(g.role());
            }
        }
        List<Map<String, Object>> agencies = new ArrayList<>();
        byAgency.forEach((id, roles) -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("agencyId", id);
            a.put("name", directory.find(id).map(x -> x.name()).orElse(""));
            a.put("roles", roles);
            agencies.add(a);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", u);
        m.put("agencyId", c.agencyId());
        m.put("agencyName", directory.find(c.agencyId()).map(x -> x.name()).orElse(null));
        m.put("roles", c.roles());
        m.put("agencies", agencies);
        m.put("grants", grants);
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("passwordChange", u.mustChangePassword());
        // administrators enrol a second factor once their password is their own
        setup.put("totpEnrolment", c.mustChangePassword() && !u.mustChangePassword() && !u.totpEnabled());
        m.put("setup", setup);
        return m;
    }

    /** The short form of a caller, as in login answers. */
    static Map<String, Object> caller(Caller c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.userId());
        m.put("username", c.username());
        m.put("fullName", c.fullName());
        m.put("agencyId", c.agencyId());
        m.put("roles", c.roles());
        m.put("mustChangePassword", c.mustChangePassword());
        return m;
    }
}
