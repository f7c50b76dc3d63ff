package vn.chidao.account.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.Accounts;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "user-list", description = "Cán bộ của một cơ quan / People of an agency")
public class UserListCommand extends AccountCommand {

    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "agency", description = "Cơ quan (mặc định: cơ quan của bạn)")
    @Completion(AgencyCompleter.class)
    String agency;

    @Option(name = "--query", aliases = "-q", description = "Tìm theo tên, có hoặc không dấu")
    String query;

    @Option(name = "--page")
    int page = 1;

    @Override
    Object run(Caller caller) {
        var found = accounts.users(caller, agency == null ? caller.agencyId() : agency(agency).id(), query, page, 50);
        UserTable.print(found.items());
        System.out.println(found.items().size() + " / " + found.total());
        return null;
    }
}
