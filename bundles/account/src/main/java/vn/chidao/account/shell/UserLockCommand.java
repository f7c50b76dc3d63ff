package vn.chidao.account.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.Accounts;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "user-lock", description = "Khóa tài khoản (mọi phiên kết thúc ngay) / Lock an account")
public class UserLockCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "username", required = true)
    String username;

    @Argument(index = 1, name = "reason", description = "Lý do")
    String reason;

    @Override
    Object run(Caller caller) {
        UserTable.print(List.of(accounts.lock(caller, UserRef.of(accounts, caller, username), reason)));
        return null;
    }
}
