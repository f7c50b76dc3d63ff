package vn.chidao.registry.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.Register;

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

        /** The header of {@code register}'s book for {@code period}. */
        public static Header of(String agencyName, Register register, String periodLabel) {
            return new Header(agencyName, register.name(), register.kind(), periodLabel);
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

    private RegisterBook() {
    }

    /** The book as a PDF: A4 landscape, title page, header row on every page, page numbers, embedded font. */
    public static void pdf(Header header, List<Document> documents, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        PdfBook.write(header, BookRows.of(header, documents), new KeepOpen(out));
        out.flush();
    }

    /** The book as an XLSX workbook of one sheet: frozen bold header row, wrapped text, landscape, fit to width. */
    public static void xlsx(Header header, List<Document> documents, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        XlsxBook.write(header, BookRows.of(header, documents), new KeepOpen(out));
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
