package vn.chidao.platform.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import vn.chidao.platform.api.ModuleInfo;
import vn.chidao.platform.internal.ModuleCatalogue;

@Service
@Command(scope = "chidao", name = "modules", description = "Các phân hệ đang chạy / Modules on this node")
public class ModulesCommand implements Action {

    @Reference
    ModuleCatalogue catalogue;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Phân hệ");
        table.column("Phiên bản");
        table.column("Trạng thái");
        table.column("REST");
        table.column("Giao diện");
        table.column("Chi tiết");
        for (ModuleInfo m : catalogue.modules()) {
            table.addRow().addContent(m.name(), m.version(), m.state(), m.restBase() == null ? "" : m.restBase(),
                    m.consoleEntry() == null ? "" : m.consoleEntry(), m.detail() == null ? "" : m.detail());
        }
        table.print(System.out);
        return null;
    }
}
