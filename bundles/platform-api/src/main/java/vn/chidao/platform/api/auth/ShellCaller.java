package vn.chidao.platform.api.auth;

import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;

import javax.security.auth.Subject;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.rest.ProblemException;

/**
 * The caller behind a Karaf shell command: Karaf runs commands as the JAAS subject of the ssh
 * session, whose user principal names the Chidao account that logged in.
 */
public final class ShellCaller {

    private ShellCaller() {
    }

    /** A command's work, run as the current caller. */
    public interface Work {
        Object run(Caller caller) throws Exception;
    }

    /**
     * Runs a command as the shell user's caller; refusals print the problem's Vietnamese detail
     * (and bad ids or dates a short message) instead of a stack trace.
     */
    public static Object run(Authenticator authenticator, Work work) throws Exception {
        try {
            return work.run(current(authenticator));
        } catch (ProblemException e) {
            System.err.println("Lỗi / Error " + e.problem().status() + ": " + e.problem().detail());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            System.err.println("Lỗi / Error: giá trị không hợp lệ (id là UUID, ngày viết dd/MM/yyyy) / invalid value: "
                    + e.getMessage());
        }
        return null;
    }

    /**
     * The same, through the {@link Authenticator} ranked highest when the command runs. Commands of
     * modules other than the one providing it should use this: Karaf's shell injects the service present
     * when the command was registered and keeps it while it lasts, so a command registered before the
     * account module's authenticator kept asking the foundation's, which no longer knows the
     * administrator once handed over ("'admin' is not an active Chidao account").
     */
    public static Object run(BundleContext context, Work work) throws Exception {
        ServiceReference<Authenticator> ref = context.getServiceReference(Authenticator.class);
        Authenticator authenticator = ref == null ? null : context.getService(ref);
        if (authenticator == null) {
            System.err.println("Lỗi / Error: chưa có dịch vụ xác thực / no authenticator yet; thử lại sau / try again");
            return null;
        }
        try {
            return run(authenticator, work);
        } finally {
            context.ungetService(ref);
        }
    }

    @SuppressWarnings("removal")
    public static Caller current(Authenticator authenticator) {
        Subject subject = Subject.getSubject(AccessController.getContext());
        // Karaf's UserPrincipal, matched by name so that the API needs no Karaf import
        Optional<String> user = subject == null ? Optional.empty() : subject.getPrincipals().stream()
                .filter(p -> p.getClass().getSimpleName().equals("UserPrincipal")).map(Principal::getName).findFirst();
        if (user.isEmpty()) {
            throw new ProblemException(401, "unauthenticated", "Chưa đăng nhập", "Phiên shell không gắn với tài khoản Chidao nào.",
                    "Not authenticated", "This shell session has no Chidao account.");
        }
        return authenticator.callerFor(user.get()).orElseThrow(() -> new ProblemException(403, "forbidden", "Không có quyền",
                "Tài khoản '" + user.get() + "' không phải tài khoản Chidao đang hoạt động.", "Forbidden",
                "Not an active Chidao account."));
    }
}
