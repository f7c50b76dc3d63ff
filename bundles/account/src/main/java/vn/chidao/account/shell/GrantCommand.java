package vn.chidao.account.shell;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.Accounts;
import vn.chidao.account.api.Grant;
import vn.chidao.account.api.GrantDraft;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Roles;

@Service
@Command(scope = "chidao", name = "grant", description = "Cấp quyền (có thể có thời hạn, ví dụ ủy quyền) / Grant a role, possibly"
        + " for a period (delegation)")
public class GrantCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "username", required = true)
    String username;

    @Argument(index = 1, name = "role", required = true, description = "clerk, leader, specialist, agency-admin, system-admin")
    String role;

    @Argument(index = 2, name = "agency", description = "Cơ quan (không dùng với system-admin)")
    @Completion(AgencyCompleter.class)
    String agency;

    @Option(name = "--from", description = "Từ ngày dd/MM/yyyy")
    String from;

    @Option(name = "--to", description = "Đến hết ngày dd/MM/yyyy")
    String to;

    @Option(name = "--reason", description = "Lý do, ví dụ: ủy quyền khi đồng chí ... đi công tác")
    String reason;

    @Override
    Object run(Caller caller) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        GrantDraft draft = new GrantDraft(UserRef.of(accounts, caller, username),
                Roles.SYSTEM_ADMIN.equals(role) || agency == null ? null : agency(agency).id(), role,
                from == null ? null : LocalDate.parse(from, f).atStartOfDay(ChidaoClock.BUSINESS_ZONE).toInstant(),
                to == null ? null : LocalDate.parse(to, f).plusDays(1).atStartOfDay(ChidaoClock.BUSINESS_ZONE).toInstant(), reason);
        Grant g = accounts.grant(caller, draft);
        System.out.println("Đã cấp / granted: " + g.role() + " — " + g.id() + " (" + Dates.time(g.validFrom()) + " → "
                + (g.validTo() == null ? "không thời hạn" : Dates.time(g.validTo())) + ")");
        return null;
    }
}
