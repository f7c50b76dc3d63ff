package vn.chidao.account.shell;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Decision;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "request-approve", description = "Phê duyệt đề nghị (không phải người đề nghị) / Approve a request")
public class RequestApproveCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "requestId", required = true)
    String requestId;

    @Argument(index = 1, name = "note")
    String note;

    @Override
    Object run(Caller caller) {
        Decision d = accounts.approve(caller, UUID.fromString(requestId), note);
        System.out.println("Đã phê duyệt / approved: " + d.request().id());
        if ("create-account".equals(d.request().kind())) {
            System.out.println("Người đề nghị (" + d.request().requestedBy() + ") nhận mật khẩu dùng một lần trên giao diện web"
                    + " / the proposer receives the one-time password in the console");
        }
        return null;
    }
}
