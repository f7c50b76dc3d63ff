package vn.chidao.registry.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Page;
import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.SearchQuery;

@Service
@Command(scope = "chidao", name = "doc-search", description = "Tìm văn bản, có hoặc không dấu / Search documents")
public class DocSearchCommand extends RegistryCommand {

    @Argument(index = 0, name = "text", description = "Từ khóa (có hoặc không dấu)")
    String text;

    @Option(name = "--type", description = "Loại văn bản (NQ, CV, ...)")
    String type;

    @Option(name = "--page")
    int page = 1;

    @Override
    Object run(Caller caller) {
        Page<Document> found = registry.search(caller, new SearchQuery(text, null, null, type, null, null, null, null, null,
                null, page, 50));
        ShellTable table = new ShellTable();
        for (String c : List.of("Số", "Ký hiệu", "Ngày", "Loại", "Trích yếu", "Cơ quan ban hành", "Id")) {
            table.column(c).maxSize(60);
        }
        for (Document d : found.items()) {
            table.addRow().addContent(d.number() + "/" + d.period(), text(d.notation()),
                    date(d.arrivalDate() != null ? d.arrivalDate() : d.issuedDate()), d.typeCode(),
                    d.stub() ? "(văn bản mật — chỉ lấy số)" : text(d.subject()), text(d.organName()), d.id());
        }
        table.print(System.out);
        System.out.println(found.items().size() + " / " + found.total());
        return null;
    }
}
