package vn.chidao.account.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Decision;
import vn.chidao.account.api.GrantDraft;
import vn.chidao.account.api.UserDraft;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Roles;

@Service
@Command(scope = "chidao", name = "user-add", description = "Tạo tài khoản (quản trị hệ thống) / Create an account (system administrators;"
        + " agency administrators propose through requests)")
public class UserAddCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "username", required = true)
    String username;

    @Argument(index = 1, name = "fullName", required = true, description = "Họ và tên, có dấu")
    String fullName;

    @Option(name = "--role", multiValued = true, description = "vai-trò@cơ-quan, ví dụ clerk@VPTU; system-admin không kèm cơ quan")
    List<String> roles = new ArrayList<>();

    @Option(name = "--email")
    String email;

    @Option(name = "--phone")
    String phone;

    @Option(name = "--position", description = "Chức vụ")
    String position;

    @Override
    Object run(Caller caller) {
        List<GrantDraft> grants = new ArrayList<>();
        for (String r : roles) {
            int at = r.indexOf('@');
            String role = at < 0 ? r : r.substring(0, at);
            grants.add(new GrantDraft(null, Roles.SYSTEM_ADMIN.equals(role) || at < 0 ? null : agency(r.substring(at + 1)).id(),
                    role, null, null, "chidao:user-add"));
        }
        Decision d = accounts.create(caller, new UserDraft(username, fullName, email, phone, position), grants);
        UserTable.print(List.of(d.user()));
        UserTable.oneTimePassword(d.user().username(), d.oneTimePassword());
        return null;
    }
}
