package vn.chidao.account.shell;

import java.util.UUID;

import vn.chidao.account.api.Accounts;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.rest.ProblemException;

/** A person named on the command line, if the caller may see them. */
final class UserRef {

    private UserRef() {
    }

    static UUID of(Accounts accounts, Caller caller, String username) {
        return accounts.byUsername(caller, username).orElseThrow(() -> ProblemException.notFound(
                "Không tìm thấy tài khoản '" + username + "'.", "No user '" + username + "'.")).id();
    }
}
