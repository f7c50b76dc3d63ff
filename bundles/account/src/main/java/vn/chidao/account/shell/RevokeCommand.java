package vn.chidao.account.shell;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Grant;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "revoke", description = "Thu hồi quyền / Revoke a grant")
public class RevokeCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "grantId", required = true)
    String grantId;

    @Argument(index = 1, name = "reason")
    String reason;

    @Override
    Object run(Caller caller) {
        Grant g = accounts.revoke(caller, UUID.fromString(grantId), reason);
        System.out.println("Đã thu hồi / revoked: " + g.role() + " — " + g.id());
        return null;
    }
}
