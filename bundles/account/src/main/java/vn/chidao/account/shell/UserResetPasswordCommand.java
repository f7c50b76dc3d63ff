package vn.chidao.account.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Decision;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "user-reset-password", description = "Cấp lại mật khẩu dùng một lần / Issue a new one-time password")
public class UserResetPasswordCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "username", required = true)
    String username;

    @Override
    Object run(Caller caller) {
        Decision d = accounts.resetPassword(caller, UserRef.of(accounts, caller, username));
        UserTable.oneTimePassword(d.user().username(), d.oneTimePassword());
        return null;
    }
}
