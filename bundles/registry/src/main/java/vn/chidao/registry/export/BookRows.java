package vn.chidao.registry.export;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.Signer;

/**
 * The Decree 30 columns of a register book and the mapping of a {@link Document} to one row of it.
 * Cells are {@link String}, {@link LocalDate} or {@link Integer} (or null when the clerk fills them
 * by hand: ngày chuyển, ký nhận, bản lưu); rows are mapped lazily, one at a time.
 */
final class BookRows implements Iterable<Object[]> {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final String STUB_NOTE = "Văn bản mật — chỉ đăng ký số";

    enum Align { LEFT, CENTER }

    /** A column: its printed name, its share of the width and how its cells align. */
    record Column(String name, double width, Align align) {
    }

    // Widths are relative (PDF shares of the printable width, XLSX character widths): the subject
    // and the recipients get the room, the hand-filled columns just enough to write in.
    static final List<Column> INCOMING = List.of(
            new Column("Ngày đến", 9, Align.CENTER),
            new Column("Số đến", 6.5, Align.CENTER),
            new Column("Tác giả", 15, Align.LEFT),
            new Column("Số, ký hiệu", 12, Align.CENTER),
            new Column("Ngày tháng", 9, Align.CENTER),
            new Column("Tên loại và trích yếu nội dung", 34, Align.LEFT),
            new Column("Đơn vị hoặc người nhận", 15, Align.LEFT),
            new Column("Ngày chuyển", 8.5, Align.CENTER),
            new Column("Ký nhận", 9, Align.CENTER),
            new Column("Ghi chú", 16, Align.LEFT));

    static final List<Column> OUTGOING = List.of(
            new Column("Số, ký hiệu văn bản", 12, Align.CENTER),
            new Column("Ngày tháng văn bản", 9, Align.CENTER),
            new Column("Tên loại và trích yếu nội dung", 32, Align.LEFT),
            new Column("Người ký", 15, Align.LEFT),
            new Column("Nơi nhận văn bản", 19, Align.LEFT),
            new Column("Đơn vị, người nhận bản lưu", 12, Align.LEFT),
            new Column("Số lượng bản", 6.5, Align.CENTER),
            new Column("Ngày chuyển", 8.5, Align.CENTER),
            new Column("Ký nhận", 9, Align.CENTER),
            new Column("Ghi chú", 12, Align.LEFT));

    final RegisterBook.Header header;
    final List<Column> columns;
    private final Iterator<Document> documents;

    private BookRows(RegisterBook.Header header, Iterator<Document> documents) {
        this.header = header;
        this.columns = header.incoming() ? INCOMING : OUTGOING;
        this.documents = documents;
    }

    /** The rows of the entries, mapped as they are read: one pass, nothing kept. */
    static BookRows of(RegisterBook.Header header, Iterator<Document> documents) {
        Objects.requireNonNull(header, "header");
        return new BookRows(header, documents == null ? Collections.emptyIterator() : documents);
    }

    @Override
    public Iterator<Object[]> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return documents.hasNext();
            }

            @Override
            public Object[] next() {
                Document d = documents.next();
                return header.incoming() ? incoming(d) : outgoing(d);
            }
        };
    }

    static Object[] incoming(Document d) {
        return new Object[] {
                d.arrivalDate(),
                d.number(),
                clean(d.organName()),
                incomingNotation(d),
                d.issuedDate(),
                typeAndSubject(d),
                joined(d.to()),
                null,
                null,
                notes(d)};
    }

    static Object[] outgoing(Document d) {
        return new Object[] {
                d.notation() == null || d.notation().isBlank() ? String.valueOf(d.number()) : clean(d.notation()),
                d.issuedDate(),
                typeAndSubject(d),
                signer(d.signer()),
                joined(d.toPlaces()),
                null,
                d.issuedAmount(),
                null,
                null,
                notes(d)};
    }

    /**
     * The issuer's số, ký hiệu: the number and notation it printed when known, joined the Party way
     * ("12-NQ/TU", the notation has the slash) or the State way ("15/QĐ-UBND"); else the notation as
     * registered.
     */
    static String incomingNotation(Document d) {
        String num = blankToNull(d.originalNumber());
        String sign = blankToNull(d.originalNotation());
        if (num == null && sign == null) {
            return clean(d.notation());
        }
        if (num == null) {
            return clean(sign);
        }
        if (sign == null || sign.startsWith(num + "-") || sign.startsWith(num + "/")) {
            return clean(sign == null ? num : sign);
        }
        return clean(num + (sign.contains("/") ? "-" : "/") + sign);
    }

    /** "Nghị quyết — về ..."; a secret stub shows its type only, never a subject. */
    static String typeAndSubject(Document d) {
        String type = blankToNull(d.typeName());
        String subject = d.stub() ? null : blankToNull(d.subject());
        if (type == null) {
            return clean(subject);
        }
        return clean(subject == null ? type : type + " — " + subject);
    }

    /** "Nguyễn Văn A (K/T, Phó Bí thư)": the competence and position say in whose name it was signed. */
    static String signer(Signer s) {
        if (s == null) {
            return null;
        }
        String name = blankToNull(s.fullName());
        List<String> role = new ArrayList<>(2);
        if (blankToNull(s.competence()) != null) {
            role.add(s.competence().strip());
        }
        if (blankToNull(s.position()) != null) {
            role.add(s.position().strip());
        }
        if (role.isEmpty()) {
            return clean(name);
        }
        String r = String.join(", ", role);
        return clean(name == null ? r : name + " (" + r + ")");
    }

    /** Ghi chú: the entry's description, then the flags a reader of the book must see. */
    static String notes(Document d) {
        List<String> lines = new ArrayList<>(4);
        if (blankToNull(d.description()) != null && !d.stub()) {
            lines.add(d.description().strip());
        }
        if ("void".equals(d.status())) {
            String reason = blankToNull(d.voidReason());
            lines.add(reason == null ? "Đã hủy số" : "Đã hủy số: " + reason.strip());
        }
        if (d.stub()) {
            lines.add(STUB_NOTE);
        }
        if (d.backfilled()) {
            String ref = blankToNull(d.incidentRef());
            lines.add(ref == null ? "Bổ sung sau sự cố" : "Bổ sung sau sự cố " + ref.strip());
        }
        return lines.isEmpty() ? null : clean(String.join("\n", lines));
    }

    static String joined(List<String> items) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>(items.size());
        for (String s : items) {
            if (blankToNull(s) != null) {
                kept.add(s.strip());
            }
        }
        return kept.isEmpty() ? null : clean(String.join("; ", kept));
    }

    /** A cell as printed: dates dd/MM/yyyy, numbers as they are, nothing for an empty cell. */
    static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof LocalDate date) {
            return DATE.format(date);
        }
        return cell.toString();
    }

    /**
     * NFC, because PDF text has no shaping (a decomposed "ế" would print its marks apart), and no
     * control characters but line breaks, which XML 1.0 and a PDF text operator do not take.
     */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String n = Normalizer.normalize(s.replace("\r\n", "\n"), Normalizer.Form.NFC);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '\n') {
                b.append(c);
            } else if (Character.isISOControl(c) || c == '\uFFFE' || c == '\uFFFF') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        String out = b.toString().strip();
        return out.isEmpty() ? null : out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
