package vn.chidao.registry.shell;

import java.util.List;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import vn.chidao.platform.api.Caller;
import vn.chidao.registry.api.Register;

@Service
@Command(scope = "chidao", name = "register-list", description = "Sổ văn bản của cơ quan / Registers of an agency")
public class RegisterListCommand extends RegistryCommand {

    @Option(name = "--agency", description = "Id cơ quan (mặc định: cơ quan của bạn)")
    String agency;

    @Override
    Object run(Caller caller) {
        ShellTable table = new ShellTable();
        for (String c : List.of("Id", "Loại sổ", "Tên sổ", "Đánh số", "Mẫu ký hiệu", "Đang dùng")) {
            table.column(c);
        }
        for (Register r : registry.registers(caller, agency == null ? null : UUID.fromString(agency))) {
            table.addRow().addContent(r.id(), "incoming".equals(r.kind()) ? "đến" : "đi", r.name(),
                    "year".equals(r.scope()) ? "theo năm" : "theo loại, nhiệm kỳ", r.notationTemplate(), r.active() ? "có" : "không");
        }
        table.print(System.out);
        return null;
    }
}
