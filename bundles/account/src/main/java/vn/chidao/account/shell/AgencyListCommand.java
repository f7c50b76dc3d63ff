package vn.chidao.account.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.platform.api.Caller;

@Service
@Command(scope = "chidao", name = "agency-list", description = "Cây cơ quan / The agency tree")
public class AgencyListCommand extends AccountCommand {
    @Option(name = "--all", description = "Cả cơ quan đã kết thúc (hợp nhất, chia tách) / Include ended agencies")
    boolean all;

    @Override
    Object run(Caller caller) {
        AgencyTable.print(directory.list(all));
        return null;
    }
}
