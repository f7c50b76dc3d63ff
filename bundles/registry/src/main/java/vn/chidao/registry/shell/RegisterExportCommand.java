package vn.chidao.registry.shell;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.registry.api.Register;
import vn.chidao.registry.export.RegisterBook;

@Service
@Command(scope = "chidao", name = "register-export", description = "In sổ đăng ký (PDF hoặc XLSX) / Export a register book")
public class RegisterExportCommand extends RegistryCommand {

    @Reference
    AgencyDirectory agencies;

    @Argument(index = 0, name = "registerId", required = true)
    String registerId;

    @Argument(index = 1, name = "period", required = true, description = "Năm (2026) hoặc tên nhiệm kỳ")
    String period;

    @Argument(index = 2, name = "file", required = true, description = "Tệp ra (.pdf hoặc .xlsx)")
    String file;

    @Option(name = "--format", description = "pdf (mặc định) hoặc xlsx")
    String format = "pdf";

    @Override
    Object run(Caller caller) throws Exception {
        Register r = registry.register(caller, UUID.fromString(registerId))
                .orElseThrow(() -> Check.notFound("sổ văn bản", "register"));
        var rows = registry.book(caller, r.id(), period);
        RegisterBook.Header header = new RegisterBook.Header(agencies.find(r.agencyId()).map(a -> a.name()).orElse(""), r.name(),
                r.kind(), period.matches("\\d{4}") ? "Năm " + period : "Nhiệm kỳ " + period);
        Path out = Paths.get(file).toAbsolutePath();
        try (OutputStream os = Files.newOutputStream(out)) {
            if ("xlsx".equals(format)) {
                RegisterBook.xlsx(header, rows, os);
            } else {
                RegisterBook.pdf(header, rows, os);
            }
        }
        System.out.println("Đã ghi / written: " + out + " (" + rows.size() + " văn bản)");
        return null;
    }
}
