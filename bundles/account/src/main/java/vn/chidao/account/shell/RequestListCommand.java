package vn.chidao.account.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import vn.chidao.account.api.AccountRequest;
import vn.chidao.account.api.Accounts;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "request-list", description = "Đề nghị cấp tài khoản / Account requests")
public class RequestListCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Option(name = "--status", description = "pending (mặc định), approved, rejected, all")
    String status = "pending";

    @Override
    Object run(Caller caller) {
        ShellTable table = new ShellTable();
        for (String c : List.of("Id", "Cơ quan", "Loại", "Trạng thái", "Tài khoản", "Vai trò", "Người đề nghị", "Thời điểm")) {
            table.column(c);
        }
        for (AccountRequest r : accounts.requests(caller, "all".equals(status) ? null : status, 1, 200).items()) {
            String agency = directory.find(r.agencyId()).map(a -> a.name()).orElse(r.agencyId().toString());
            String who = r.user() != null && r.user().username() != null ? r.user().username() + " (" + r.user().fullName() + ")"
                    : text(r.userId());
            table.addRow().addContent(r.id(), agency, r.kind(), r.status(), who, String.join(",", r.roles()), r.requestedBy(),
                    Dates.time(r.requestedAt()));
        }
        table.print(System.out);
        return null;
    }
}
