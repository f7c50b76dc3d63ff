package vn.chidao.account.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.Accounts;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "user-unlock", description = "Mở khóa tài khoản / Unlock an account")
public class UserUnlockCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "username", required = true)
    String username;

    @Override
    Object run(Caller caller) {
        UserTable.print(List.of(accounts.unlock(caller, UserRef.of(accounts, caller, username))));
        return null;
    }
}
