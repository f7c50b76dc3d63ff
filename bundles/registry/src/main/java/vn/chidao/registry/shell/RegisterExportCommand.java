package vn.chidao.registry.shell;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.ServiceUnavailableException;
import vn.chidao.registry.api.BookExtent;
import vn.chidao.registry.api.BookQuery;
import vn.chidao.registry.export.RegisterBook;

@Service
@Command(scope = "chidao", name = "register-export", description = "In sổ đăng ký (PDF hoặc XLSX) / Export a register book")
public class RegisterExportCommand extends RegistryCommand {

    /** Optional: the command stays while the account module is updated, and says so if run meanwhile. */
    @Reference(optional = true)
    AgencyDirectory agencies;

    @Argument(index = 0, name = "registerId", required = true)
    String registerId;

    @Argument(index = 1, name = "period", required = true, description = "Năm (2026) hoặc tên nhiệm kỳ")
    String period;

    @Argument(index = 2, name = "file", required = true, description = "Tệp ra (.pdf hoặc .xlsx)")
    String file;

    @Option(name = "--format", description = "pdf (mặc định) hoặc xlsx")
    String format = "pdf";

    @Option(name = "--from", description = "Từ ngày dd/MM/yyyy (in một phần của sổ: một tháng, một quý)")
    String from;

    @Option(name = "--to", description = "Đến ngày dd/MM/yyyy")
    String to;

    @Override
    Object run(Caller caller) throws Exception {
        BookQuery query = new BookQuery(UUID.fromString(registerId), period, day(from), day(to), null);
        if (agencies == null) {
            throw new ServiceUnavailableException("danh bạ cơ quan / agency directory");
        }
        Path out = Paths.get(file).toAbsolutePath();
        BookExtent extent;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            extent = RegisterBook.write(registry, agencies, caller, query, format, os);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out); // no half-written book left behind
            throw e;
        }
        System.out.println("Đã ghi / written: " + out + " (" + extent.entries() + " văn bản)");
        return null;
    }

    private static LocalDate day(String s) {
        return s == null || s.isBlank() ? null : LocalDate.parse(s.strip(), DAY);
    }
}
