package vn.chidao.account.shell;

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
@Command(scope = "chidao", name = "agency-add", description = "Thêm cơ quan / Add an agency")
public class AgencyAddCommand extends AccountCommand {
    @Reference
    AgencyAdministration administration;

    @Argument(index = 0, name = "code", required = true, description = "Mã dùng trong số ký hiệu (TU, VPTU, HU, ĐU)")
    String code;

    @Argument(index = 1, name = "name", required = true, description = "Tên đầy đủ")
    String name;

    @Option(name = "--level", required = true, description = "Cấp (province, district, commune, ...)")
    String level;

    @Option(name = "--parent", description = "Cơ quan cấp trên")
    @Completion(AgencyCompleter.class)
    String parent;

    @Option(name = "--short-name", description = "Tên viết tắt")
    String shortName;

    @Option(name = "--organ-id", description = "Mã định danh edXML (OrganId)")
    String organId;

    @Override
    Object run(Caller caller) {
        UUID parentId = parent == null ? null : agency(parent).id();
        AgencyTable.print(List.of(administration.create(caller, new AgencyDraft(code, name, shortName, level, parentId, organId))));
        return null;
    }
}
