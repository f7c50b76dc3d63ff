package vn.chidao.registry.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.platform.api.Caller;
import vn.chidao.registry.api.Register;
import vn.chidao.registry.api.RegisterDraft;

@Service
@Command(scope = "chidao", name = "register-create", description = "Mở sổ văn bản / Create a register")
public class RegisterCreateCommand extends RegistryCommand {

    @Argument(index = 0, name = "kind", required = true, description = "incoming (đến) hoặc outgoing (đi)")
    String kind;

    @Argument(index = 1, name = "name", required = true, description = "Tên sổ")
    String name;

    @Option(name = "--scope", description = "year (theo năm, mặc định) hoặc type-term (theo loại và nhiệm kỳ)")
    String scope;

    @Option(name = "--template", description = "Mẫu ký hiệu, mặc định {number}-{type}/{agency}")
    String template;

    @Option(name = "--agency", description = "Id cơ quan (quản trị hệ thống)")
    String agency;

    @Override
    Object run(Caller caller) {
        Register r = registry.createRegister(caller, new RegisterDraft(agency == null ? null : java.util.UUID.fromString(agency),
                kind, name, scope, template));
        System.out.println("Đã mở sổ / created: " + r.name() + " — " + r.id());
        return null;
    }
}
