package vn.chidao.registry.shell;

import java.util.UUID;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.DocumentFile;
import vn.chidao.registry.api.HistoryEntry;

@Service
@Command(scope = "chidao", name = "doc-show", description = "Xem văn bản và lịch sử / Show a document and its history")
public class DocShowCommand extends RegistryCommand {

    @Argument(index = 0, name = "id", required = true)
    String id;

    @Override
    Object run(Caller caller) {
        UUID docId = UUID.fromString(id);
        Document d = registry.document(caller, docId).orElseThrow(() -> Check.notFound("văn bản", "document"));
        System.out.println("Số: " + d.number() + " (" + d.period() + ")   Ký hiệu: " + text(d.notation()) + "   Loại: " + d.typeName());
        System.out.println("Trích yếu: " + (d.stub() ? "(văn bản mật — chỉ lấy số)" : text(d.subject())));
        System.out.println("Cơ quan ban hành: " + text(d.organName()) + "   Ngày văn bản: " + date(d.issuedDate())
                + ("incoming".equals(d.kind()) ? "   Ngày đến: " + date(d.arrivalDate()) : ""));
        System.out.println("Trạng thái: " + ("void".equals(d.status()) ? "đã hủy — " + d.voidReason() : "đã đăng ký")
                + (d.backfilled() ? "   Bổ sung sau sự cố: " + d.incidentRef() : ""));
        for (DocumentFile f : d.files()) {
            System.out.println("Tệp: " + f.fileName() + " (" + f.mediaType() + ", " + f.size() + " byte, " + f.pages() + " trang)");
        }
        System.out.println("Lịch sử:");
        for (HistoryEntry h : registry.history(caller, docId)) {
            System.out.println("  " + h.at() + "  " + h.actor() + "  " + h.action() + "  " + h.details());
        }
        return null;
    }
}
