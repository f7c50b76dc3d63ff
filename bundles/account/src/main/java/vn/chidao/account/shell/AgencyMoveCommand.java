package vn.chidao.account.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.AgencyAdministration;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "agency-move", description = "Chuyển cơ quan sang cơ quan cấp trên khác / Move an agency")
public class AgencyMoveCommand extends AccountCommand {
    @Reference
    AgencyAdministration administration;

    @Argument(index = 0, name = "agency", required = true)
    @Completion(AgencyCompleter.class)
    String agency;

    @Argument(index = 1, name = "parent", required = true, description = "Cơ quan cấp trên mới")
    @Completion(AgencyCompleter.class)
    String parent;

    @Override
    Object run(Caller caller) {
        AgencyTable.print(List.of(administration.move(caller, agency(agency).id(), agency(parent).id())));
        return null;
    }
}
