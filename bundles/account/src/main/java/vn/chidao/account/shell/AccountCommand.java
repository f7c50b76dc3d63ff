package vn.chidao.account.shell;

import java.security.AccessController;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import vn.chidao.account.api.Agency;
import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.account.internal.AccountAuthenticator;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.rest.ProblemException;

/**
 * Base of the chidao:* account commands: they act as the Chidao account logged into the shell, with
 * the same rules as REST (an agency administrator acts for their agency only). Refusals print the
 * problem's Vietnamese detail instead of a stack trace.
 */
abstract class AccountCommand implements Action {

    @Reference
    AccountAuthenticator authenticator;

    @Reference
    AgencyDirectory directory;

    @Override
    public final Object execute() throws Exception {
        try {
            return run(caller());
        } catch (ProblemException e) {
            System.err.println("Lỗi / Error " + e.problem().status() + ": " + e.problem().detail());
            return null;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            System.err.println("Lỗi / Error: giá trị không hợp lệ (id là UUID, ngày viết dd/MM/yyyy) / invalid value: " + e.getMessage());
            return null;
        }
    }

    abstract Object run(Caller caller) throws Exception;

    /** The shell user's Chidao account; the session's subject comes from the Chidao JAAS realm. */
    @SuppressWarnings("removal")
    Caller caller() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = subject == null ? null : subject.getPrincipals(UserPrincipal.class).stream().map(Principal::getName)
                .findFirst().orElse(null);
        if (user == null) {
            throw new ProblemException(401, "unauthenticated", "Chưa đăng nhập", "Phiên shell không gắn với tài khoản Chidao nào.",
                    "Not authenticated", "This shell session has no Chidao account.");
        }
        return authenticator.callerFor(user).orElseThrow(() -> new ProblemException(403, "forbidden", "Không có quyền",
                "Tài khoản '" + user + "' không phải tài khoản Chidao đang hoạt động.", "Forbidden", "Not an active Chidao account."));
    }

    /** An agency by id, organ id, exact name or code (when the code is unique). */
    Agency agency(String ref) {
        List<Agency> all = directory.list(true);
        try {
            UUID id = UUID.fromString(ref);
            return all.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow(() -> unknown(ref));
        } catch (IllegalArgumentException notAnId) {
            List<Agency> found = all.stream().filter(Agency::active).filter(a -> ref.equals(a.organId()) || ref.equals(a.name())
                    || ref.equals(a.shortName())).toList();
            if (found.isEmpty()) {
                found = all.stream().filter(Agency::active).filter(a -> ref.equals(a.code())).toList();
            }
            if (found.size() > 1) {
                throw ProblemException.badRequest("ambiguous-agency", "'" + ref + "' chỉ nhiều cơ quan; dùng mã định danh hoặc id.",
                        "'" + ref + "' names several agencies; use the organ id or the id.");
            }
            return found.stream().findFirst().orElseThrow(() -> unknown(ref));
        }
    }

    private static ProblemException unknown(String ref) {
        return ProblemException.notFound("Không tìm thấy cơ quan '" + ref + "'.", "No agency '" + ref + "'.");
    }

    static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
