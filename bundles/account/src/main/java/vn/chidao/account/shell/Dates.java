package vn.chidao.account.shell;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import vn.chidao.platform.api.ChidaoClock;

/** Dates as Vietnamese readers write them: dd/MM/yyyy, in Asia/Ho_Chi_Minh. */
final class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ChidaoClock.BUSINESS_ZONE);

    private Dates() {
    }

    static String date(LocalDate d) {
        return d == null ? "" : DAY.format(d);
    }

    static String time(Instant t) {
        return t == null ? "" : MINUTE.format(t);
    }
}
