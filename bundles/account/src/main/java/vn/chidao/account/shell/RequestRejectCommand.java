package vn.chidao.account.shell;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.Accounts;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "request-reject", description = "Từ chối đề nghị / Reject a request")
public class RequestRejectCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "requestId", required = true)
    String requestId;

    @Argument(index = 1, name = "note", description = "Lý do")
    String note;

    @Override
    Object run(Caller caller) {
        System.out.println("Đã từ chối / rejected: " + accounts.reject(caller, UUID.fromString(requestId), note).id());
        return null;
    }
}
