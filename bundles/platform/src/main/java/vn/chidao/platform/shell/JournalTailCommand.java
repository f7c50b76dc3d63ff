package vn.chidao.platform.shell;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalEntry;

@Service
@Command(scope = "chidao", name = "journal-tail", description = "Các mục nhật ký mới nhất / Newest journal entries")
public class JournalTailCommand implements Action {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ChidaoClock.BUSINESS_ZONE);

    @Reference
    Journal journal;

    @Option(name = "-n", description = "How many entries (default 20)")
    int count = 20;

    @Option(name = "--agency", description = "Only this agency's chain (UUID)")
    String agency;

    @Override
    public Object execute() {
        List<JournalEntry> entries = journal.tail(agency == null ? null : UUID.fromString(agency), count);
        ShellTable table = new ShellTable();
        table.column("Thời gian");
        table.column("Cơ quan");
        table.column("#");
        table.column("Người thực hiện");
        table.column("Hành động");
        table.column("Đối tượng");
        for (JournalEntry e : entries) {
            table.addRow().addContent(FORMAT.format(e.occurredAt()), e.agencyId(), e.chainSeq(), e.actor(), e.action(),
                    e.subjectId() == null ? "" : e.subjectId());
        }
        table.print(System.out);
        return null;
    }
}
