package vn.chidao.account.shell;

import java.util.List;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import vn.chidao.account.api.Agency;
import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.account.internal.AccountAuthenticator;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.auth.ShellCaller;
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
        return ShellCaller.run(authenticator, this::run);
    }

    abstract Object run(Caller caller) throws Exception;

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
