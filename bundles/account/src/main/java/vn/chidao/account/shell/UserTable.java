package vn.chidao.account.shell;

import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;

import vn.chidao.account.api.User;

/** People as a table. */
final class UserTable {

    private UserTable() {
    }

    static void print(List<User> users) {
        ShellTable table = new ShellTable();
        for (String c : List.of("Tên đăng nhập", "Họ và tên", "Chức vụ", "Khóa", "2FA", "Id")) {
            table.column(c);
        }
        for (User u : users) {
            table.addRow().addContent(u.username(), u.fullName(), AccountCommand.text(u.position()), u.locked() ? "khóa" : "",
                    u.totpEnabled() ? "có" : "", u.id());
        }
        table.print(System.out);
    }

    /** A one-time password is printed once, for the operator to hand over. */
    static void oneTimePassword(String username, String password) {
        System.out.println("Mật khẩu dùng một lần của " + username + " (đổi ở lần đăng nhập đầu) / one-time password: " + password);
    }
}
