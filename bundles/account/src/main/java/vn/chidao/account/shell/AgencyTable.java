package vn.chidao.account.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.karaf.shell.support.table.ShellTable;

import vn.chidao.account.api.Agency;

/** Agencies as a table, indented by depth in the tree. */
final class AgencyTable {

    private AgencyTable() {
    }

    static void print(List<Agency> agencies) {
        Map<UUID, Integer> depth = new HashMap<>();
        ShellTable table = new ShellTable();
        for (String c : List.of("Mã", "Tên cơ quan", "Cấp", "Mã định danh", "Từ ngày", "Đến ngày", "Id")) {
            table.column(c);
        }
        for (Agency a : agencies) {
            int d = a.parentId() == null ? 0 : depth.getOrDefault(a.parentId(), 0) + 1;
            depth.put(a.id(), d);
            table.addRow().addContent(a.code(), "  ".repeat(d) + a.name(), a.level(), AccountCommand.text(a.organId()),
                    Dates.date(a.activeFrom()), Dates.date(a.activeTo()), a.id());
        }
        table.print(System.out);
    }
}
