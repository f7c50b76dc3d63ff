package vn.chidao.registry.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import vn.chidao.account.api.Agency;
import vn.chidao.account.api.AgencyDirectory;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.registry.api.BookExtent;
import vn.chidao.registry.api.BookQuery;
import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.Register;
import vn.chidao.registry.api.Registry;

/**
 * A register printed as the Decree 30 book (sổ đăng ký văn bản đến / đi): a title page and the
 * book's columns, as PDF (A4 landscape, for printing and binding) or as XLSX. Entries are written in
 * the order given (the caller sorts, normally by number). Both writers stream to {@code out} and
 * leave it open.
 */
public final class RegisterBook {

    /** Incoming register kind, as in {@link Register#kind()}. */
    public static final String INCOMING = "incoming";
    /** Outgoing register kind, as in {@link Register#kind()}. */
    public static final String OUTGOING = "outgoing";

    /**
     * The book's header: the agency that keeps the register, the register's name, its kind
     * ({@code incoming} or {@code outgoing}) and the period it covers ("Năm 2026",
     * "Nhiệm kỳ 2020–2025").
     */
    public record Header(String agencyName, String registerName, String kind, String periodLabel) {
        public Header {
            Objects.requireNonNull(agencyName, "agencyName");
            Objects.requireNonNull(kind, "kind");
            if (!INCOMING.equals(kind) && !OUTGOING.equals(kind)) {
                throw new IllegalArgumentException("kind must be incoming or outgoing: " + kind);
            }
            agencyName = line(agencyName);
            registerName = line(registerName);
            periodLabel = line(periodLabel);
        }

        public boolean incoming() {
            return INCOMING.equals(kind);
        }

        /** "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" or "SỔ ĐĂNG KÝ VĂN BẢN ĐI". */
        public String title() {
            return incoming() ? "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" : "SỔ ĐĂNG KÝ VĂN BẢN ĐI";
        }

        private static String line(String s) {
            String c = BookRows.clean(s);
            return c == null ? "" : c.replace('\n', ' ');
        }

        String agencyUpper() {
            return agencyName.toUpperCase(Locale.forLanguageTag("vi"));
        }
    }

    /** The formats a book is written in, and their media types. */
    public static final Map<String, String> FORMATS = Map.of("pdf", "application/pdf",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /**
     * Most entries of one PDF book (about 900 pages; a bound volume holds a few hundred). PDFBox keeps
     * every page's objects in the heap until the document is saved, page contents aside (measured about
     * 10 KiB a page: 24 MiB for 2,500 pages), so a PDF is not flat like XLSX, which is written as it goes
     * and takes the node's limit.
     */
    public static final int PDF_MAX_ENTRIES = 20_000;

    private RegisterBook() {
    }

    /**
     * Writes the book the query asks for in {@code format} ("pdf" or "xlsx") to {@code out}, reading its
     * entries through {@link Registry#book} (bounded, from a cursor); returns its extent. Shared by the
     * REST answer and the shell command.
     */
    public static BookExtent write(Registry registry, AgencyDirectory agencies, Caller caller, BookQuery query, String format,
                                   OutputStream out) throws IOException {
        String f = Check.oneOf(format, "format", FORMATS.keySet(), "pdf");
        BookQuery q = "pdf".equals(f) ? query.atMost(PDF_MAX_ENTRIES) : query;
        return registry.book(caller, q, (extent, entries) -> {
            Register r = extent.register();
            Header header = new Header(agencies.find(r.agencyId()).map(Agency::name).orElse(""), r.name(), r.kind(),
                    periodLabel(extent.query()));
            if ("xlsx".equals(f)) {
                xlsx(header, entries, out);
            } else {
                pdf(header, extent, entries, out);
            }
            return extent;
        });
    }

    /** "Năm 2026" or "Nhiệm kỳ 2025–2030", with the dates the book is narrowed to, if any. */
    static String periodLabel(BookQuery q) {
        String p = q.period() == null ? "" : q.period().strip();
        String label = p.matches("\\d{4}") ? "Năm " + p : "Nhiệm kỳ " + p;
        if (q.from() != null && q.to() != null) {
            return label + " (từ ngày " + BookRows.DATE.format(q.from()) + " đến ngày " + BookRows.DATE.format(q.to()) + ")";
        }
        if (q.from() != null) {
            return label + " (từ ngày " + BookRows.DATE.format(q.from()) + ")";
        }
        return q.to() == null ? label : label + " (đến ngày " + BookRows.DATE.format(q.to()) + ")";
    }

    /** "so-den-2026.pdf", "so-di-2025-2030_2026-01-01_2026-03-31.xlsx": ASCII, for Content-Disposition. */
    public static String fileName(BookExtent extent, String format) {
        BookQuery q = extent.query();
        return "so-" + (INCOMING.equals(extent.register().kind()) ? "den" : "di") + "-"
                + q.period().replaceAll("[^0-9A-Za-z-]", "") + (q.from() == null ? "" : "_" + q.from())
                + (q.to() == null ? "" : "_" + q.to()) + "." + format;
    }

    /** The book as a PDF: A4 landscape, title page, header row on every page, page numbers, embedded font. */
    public static void pdf(Header header, BookExtent extent, Iterator<Document> entries, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        PdfBook.write(header, extent, BookRows.of(header, entries), new KeepOpen(out));
        out.flush();
    }

    /** The book as an XLSX workbook of one sheet: frozen bold header row, wrapped text, landscape, fit to width. */
    public static void xlsx(Header header, Iterator<Document> entries, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        XlsxBook.write(header, BookRows.of(header, entries), new KeepOpen(out));
        out.flush();
    }

    /** The libraries close the stream they write to; the caller's stream (a servlet's, say) is theirs to close. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
