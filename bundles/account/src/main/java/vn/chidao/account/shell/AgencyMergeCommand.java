package vn.chidao.account.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.AgencyAdministration;
import vn.chidao.account.api.AgencyDraft;
import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "agency-merge", description = "Hợp nhất cơ quan / Merge agencies: into an existing one"
        + " (--into) or a new one (--new-code, --new-name, --level)")
public class AgencyMergeCommand extends AccountCommand {
    @Reference
    AgencyAdministration administration;

    @Argument(index = 0, name = "sources", required = true, multiValued = true, description = "Các cơ quan được hợp nhất")
    @Completion(AgencyCompleter.class)
    List<String> sources;

    @Option(name = "--into", description = "Cơ quan hiện có nhận hợp nhất")
    @Completion(AgencyCompleter.class)
    String into;

    @Option(name = "--new-code", description = "Mã của cơ quan mới")
    String newCode;

    @Option(name = "--new-name", description = "Tên của cơ quan mới")
    String newName;

    @Option(name = "--level", description = "Cấp của cơ quan mới")
    String level;

    @Option(name = "--parent", description = "Cơ quan cấp trên của cơ quan mới")
    @Completion(AgencyCompleter.class)
    String parent;

    @Override
    Object run(Caller caller) {
        List<UUID> ids = new ArrayList<>();
        for (String s : sources) {
            ids.add(agency(s).id());
        }
        AgencyDraft draft = into != null ? null : new AgencyDraft(newCode, newName, null, level,
                parent == null ? null : agency(parent).id(), null);
        AgencyTable.print(List.of(administration.merge(caller, ids, into == null ? null : agency(into).id(), draft)));
        return null;
    }
}
