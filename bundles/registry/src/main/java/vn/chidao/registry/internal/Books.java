package vn.chidao.registry.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.Slots;
import vn.chidao.registry.api.BookExtent;
import vn.chidao.registry.api.BookQuery;
import vn.chidao.registry.api.BookReader;
import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.Register;

/**
 * Reading a printed register book with bounded cost: a few books at once per node, each of at most so
 * many entries, its entries read from a server-side cursor in fetches of {@link #FETCH} rows and handed
 * on one at a time, so a node's memory does not grow with the size of a period.
 */
final class Books {

    static final int FETCH = 500;
    static final int RETRY_AFTER_SECONDS = 30;
    /** The entry's day in the book: arrival for incoming entries, issue for outgoing ones (no arrival date). */
    private static final String DAY = "coalesce(d.arrival_date, d.issued_date)";

    private final Db db;
    private final int maxEntries;
    private final Slots slots;

    Books(Db db, int maxEntries, int concurrent) {
        this.db = db;
        this.maxEntries = Math.max(1, maxEntries);
        this.slots = new Slots(Math.max(1, concurrent), RETRY_AFTER_SECONDS,
                "Máy chủ đang in nhiều sổ đăng ký khác; vui lòng thử lại sau ít phút.",
                "The server is writing other register books; please try again in a few minutes.");
    }

    /** The book of a register the caller may see; the query's period is checked, its dates ordered. */
    <T> T read(Register register, BookQuery q, BookReader<T> reader) throws IOException {
        if (q.from() != null && q.to() != null && q.to().isBefore(q.from())) {
            throw Check.invalid("to", "phải từ ngày 'from' trở đi", "must not be before from");
        }
        StringBuilder where = new StringBuilder(" FROM registry.document d JOIN registry.doc_type t ON t.code = d.type_code"
                + " WHERE d.register_id = ? AND d.period = ?");
        List<Object> params = new ArrayList<>(List.of(register.id(), q.period()));
        if (q.from() != null) {
            where.append(" AND ").append(DAY).append(" >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            where.append(" AND ").append(DAY).append(" <= ?");
            params.add(q.to());
        }
        Object[] args = params.toArray();
        try (Slots.Slot slot = slots.take()) {
            BookExtent extent = db.read(c -> Db.one(c, "SELECT count(*), min(d.number), max(d.number), min(" + DAY + "), max("
                    + DAY + ")" + where, rs -> new BookExtent(register, q, rs.getLong(1), (Integer) rs.getObject(2),
                    (Integer) rs.getObject(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)), args)).orElseThrow();
            int max = q.maxEntries() == null ? maxEntries : Math.min(maxEntries, q.maxEntries());
            if (extent.entries() > max) {
                throw tooLarge(extent.entries(), max);
            }
            try (Db.Cursor<Document> entries = db.cursor(FETCH, "SELECT " + RegistryService.COLUMNS + where
                    + " ORDER BY d.counter_type, d.number", rs -> RegistryService.document(rs, List.of()), args)) {
                return reader.read(extent, entries);
            }
        }
    }

    private static ProblemException tooLarge(long entries, int maxEntries) {
        String n = String.format(Locale.forLanguageTag("vi"), "%,d", entries);
        String max = String.format(Locale.forLanguageTag("vi"), "%,d", maxEntries);
        return new ProblemException(422, "book-too-large", "Sổ quá lớn để in một lần",
                "Phần sổ này có " + n + " văn bản, quá " + max + " văn bản một lần in; hãy in theo tháng hoặc theo quý"
                        + " (chọn từ ngày, đến ngày).",
                "Book too large to print at once", "This part of the book has " + entries + " entries, more than the "
                        + maxEntries + " one export may hold; export it per month or quarter (from and to dates).");
    }
}
