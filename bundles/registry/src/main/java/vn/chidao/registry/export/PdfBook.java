package vn.chidao.registry.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.util.Matrix;

import vn.chidao.registry.api.BookExtent;

/**
 * The PDF book: a title page as the Decree 30 cover (agency, title, period, first and last number and
 * date, volume to be filled in), then the table on A4 landscape with the header row on every page, a
 * running head and "Trang n/N". Page contents go to temporary files, not the heap, so a year of
 * entries does not sit in memory; the font is embedded as a subset.
 */
final class PdfBook {

    static final String FONT_REGULAR = "/fonts/dejavu/DejaVuSansCondensed.ttf";
    static final String FONT_BOLD = "/fonts/dejavu/DejaVuSansCondensed-Bold.ttf";

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    // The left margin is wider: the book is bound on that side.
    private static final float LEFT = 56;
    private static final float RIGHT = 28;
    private static final float TOP = 34;
    private static final float BOTTOM = 40;
    private static final float BODY_SIZE = 8.5f;
    private static final float HEAD_SIZE = 8.5f;
    private static final float SMALL_SIZE = 7.5f;
    private static final float LEADING = 1.22f;
    private static final float PAD = 3;
    private static final float RULE = 0.5f;
    // Every entry leaves room for the hand-written ngày chuyển and a signature under ký nhận.
    private static final int MIN_LINES = 2;

    private final BookRows rows;
    private final PDDocument doc;
    private final PDFont regular;
    private final PDFont bold;
    private final float[] colX;
    private final float[] colW;
    private final List<List<String>> headLines = new ArrayList<>();
    private final Map<PDFont, Map<Integer, Boolean>> glyphs = new HashMap<>();
    private float headHeight;
    /** The "N" of "Trang n/N": one form drawn on every page and written once the count is known. */
    private final PDAppearanceStream pageCount; // a form; the one kind PDPageContentStream writes into

    private PDPageContentStream cs;
    private PDFont csFont;
    private float csSize;
    private float y;
    private int rowsOnPage;

    private PdfBook(BookRows rows, PDDocument doc, PDFont regular, PDFont bold) {
        this.rows = rows;
        this.doc = doc;
        this.regular = regular;
        this.bold = bold;
        this.pageCount = new PDAppearanceStream(doc);
        pageCount.setBBox(new PDRectangle(0, -4, 80, 16));
        pageCount.setResources(new PDResources());
        int n = rows.columns.size();
        colX = new float[n + 1];
        colW = new float[n];
        double total = rows.columns.stream().mapToDouble(BookRows.Column::width).sum();
        float usable = PAGE.getWidth() - LEFT - RIGHT;
        colX[0] = LEFT;
        for (int i = 0; i < n; i++) {
            colW[i] = (float) (usable * rows.columns.get(i).width() / total);
            colX[i + 1] = colX[i] + colW[i];
        }
    }

    static void write(RegisterBook.Header header, BookExtent extent, BookRows rows, OutputStream out) throws IOException {
        // The fonts are read until the subsets are embedded on save, so they close after the document.
        try (TrueTypeFont regular = ttf(FONT_REGULAR); TrueTypeFont bold = ttf(FONT_BOLD);
                PDDocument doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PdfBook book = new PdfBook(rows, doc, PDType0Font.load(doc, regular, true),
                    PDType0Font.load(doc, bold, true));
            book.info(header);
            book.titlePage(header, extent);
            book.table();
            book.pageNumbers();
            doc.save(out);
        }
    }

    /**
     * A font from the bundle itself: a server has no fonts to rely on, and the book must look the same
     * everywhere. GSUB is off: Vietnamese needs no substitution once text is NFC, and PDFBox applies it
     * per text run at a cost that dominates a long book.
     */
    private static TrueTypeFont ttf(String resource) throws IOException {
        try (InputStream in = PdfBook.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the bundle: " + resource);
            }
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(in));
            ttf.setEnableGsub(false);
            return ttf;
        }
    }

    private void info(RegisterBook.Header h) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(join(" — ", h.title(), h.agencyName(), h.periodLabel()));
        info.setSubject(h.registerName());
        info.setCreator("Chidao");
        doc.getDocumentCatalog().setLanguage("vi-VN");
    }

    // ---- title page -------------------------------------------------------------------------------

    private void titlePage(RegisterBook.Header h, BookExtent span) throws IOException {
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
            use(c);
            float width = PAGE.getWidth() - LEFT - RIGHT;
            // The agency heads the cover on the left, as on the Decree 30 book.
            float top = PAGE.getHeight() - TOP - 14;
            float blockW = width * 0.45f;
            for (String line : wrap(h.agencyUpper(), bold, 13, blockW)) {
                centred(line, bold, 13, LEFT, blockW, top);
                top -= 13 * LEADING;
            }
            rule(LEFT + blockW * 0.35f, top + 13 * LEADING - 8, LEFT + blockW * 0.65f);

            float yy = PAGE.getHeight() * 0.62f;
            for (String line : wrap(h.title(), bold, 28, width)) {
                centred(line, bold, 28, LEFT, width, yy);
                yy -= 28 * LEADING;
            }
            yy -= 6;
            if (!h.registerName().isBlank() && !h.registerName().equalsIgnoreCase(h.title())) {
                for (String line : wrap(h.registerName(), regular, 14, width)) {
                    centred(line, regular, 14, LEFT, width, yy);
                    yy -= 14 * LEADING;
                }
                yy -= 6;
            }
            if (!h.periodLabel().isBlank()) {
                centred(h.periodLabel(), bold, 16, LEFT, width, yy);
                yy -= 16 * LEADING;
            }
            yy -= 28;
            String dots = "....................";
            String from = span.firstDate() == null ? dots : BookRows.DATE.format(span.firstDate());
            String to = span.lastDate() == null ? dots : BookRows.DATE.format(span.lastDate());
            String lo = span.firstNumber() == null ? dots : span.firstNumber().toString();
            String hi = span.lastNumber() == null ? dots : span.lastNumber().toString();
            float x = LEFT + width * 0.36f;
            for (String line : List.of("Từ ngày " + from + " đến ngày " + to, "Từ số " + lo + " đến số " + hi,
                    "Quyển số: " + dots)) {
                text(line, regular, 13, x, yy);
                yy -= 13 * 1.8f;
            }
        }
        cs = null;
    }

    // ---- table ------------------------------------------------------------------------------------

    private void table() throws IOException {
        int maxLines = 1;
        for (int i = 0; i < colW.length; i++) {
            List<String> lines = wrap(rows.columns.get(i).name(), bold, HEAD_SIZE, colW[i] - 2 * PAD);
            headLines.add(lines);
            maxLines = Math.max(maxLines, lines.size());
        }
        headHeight = maxLines * HEAD_SIZE * LEADING + 2 * PAD;
        newPage();
        for (Object[] row : rows) {
            drawRow(row);
        }
        closePage();
    }

    private void newPage() throws IOException {
        closePage();
        PDPage page = new PDPage(PAGE);
        doc.addPage(page);
        use(new PDPageContentStream(doc, page));
        cs.setLineWidth(RULE);
        RegisterBook.Header h = rows.header;
        float top = PAGE.getHeight() - TOP;
        text(join(" — ", h.agencyName(), h.title(), h.registerName(), h.periodLabel()), regular, SMALL_SIZE,
                LEFT, top - SMALL_SIZE);
        y = top - SMALL_SIZE * 2.2f;
        pageNumber();
        drawHead();
        rowsOnPage = 0;
    }

    private void closePage() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }

    private void drawHead() throws IOException {
        float top = y;
        float bottom = top - headHeight;
        for (int i = 0; i < colW.length; i++) {
            List<String> lines = headLines.get(i);
            float block = lines.size() * HEAD_SIZE * LEADING;
            float base = top - (headHeight - block) / 2 - HEAD_SIZE * 0.95f;
            for (String line : lines) {
                centred(line, bold, HEAD_SIZE, colX[i], colW[i], base);
                base -= HEAD_SIZE * LEADING;
            }
        }
        grid(top, bottom);
        // Column numbers under the names, as printed books have them, so a continued page reads alone.
        float numH = SMALL_SIZE * LEADING + 2;
        for (int i = 0; i < colW.length; i++) {
            centred("(" + (i + 1) + ")", regular, SMALL_SIZE, colX[i], colW[i], bottom - SMALL_SIZE - 0.5f);
        }
        grid(bottom, bottom - numH);
        y = bottom - numH;
    }

    private void drawRow(Object[] row) throws IOException {
        int n = colW.length;
        List<List<String>> cells = new ArrayList<>(n);
        int total = MIN_LINES;
        for (int i = 0; i < n; i++) {
            List<String> lines = wrap(BookRows.text(row[i]), regular, BODY_SIZE, colW[i] - 2 * PAD);
            cells.add(lines);
            total = Math.max(total, lines.size());
        }
        float lineH = BODY_SIZE * LEADING;
        int perPage = (int) ((y0() - BOTTOM - 2 * PAD) / lineH);
        int done = 0;
        while (done < total) {
            int fit = (int) ((y - BOTTOM - 2 * PAD) / lineH);
            int left = total - done;
            if (left <= fit) {
                drawChunk(cells, done, total);
                break;
            }
            // A row that fits on a page is not split; only a row longer than a page runs on.
            if ((done == 0 && rowsOnPage > 0 && left <= perPage) || fit < 1) {
                newPage();
                continue;
            }
            drawChunk(cells, done, done + fit);
            done += fit;
            newPage();
        }
        rowsOnPage++;
    }

    /** Where the first body row of a page starts (below the running head and the header rows). */
    private float y0() {
        return PAGE.getHeight() - TOP - SMALL_SIZE * 2.2f - headHeight - (SMALL_SIZE * LEADING + 2);
    }

    private void drawChunk(List<List<String>> cells, int from, int to) throws IOException {
        float lineH = BODY_SIZE * LEADING;
        float top = y;
        float bottom = top - (to - from) * lineH - 2 * PAD;
        for (int i = 0; i < cells.size(); i++) {
            List<String> lines = cells.get(i);
            boolean centre = rows.columns.get(i).align() == BookRows.Align.CENTER;
            float base = top - PAD - BODY_SIZE * 0.95f;
            for (int l = from; l < to && l < lines.size(); l++) {
                if (centre) {
                    centred(lines.get(l), regular, BODY_SIZE, colX[i], colW[i], base);
                } else {
                    text(lines.get(l), regular, BODY_SIZE, colX[i] + PAD, base);
                }
                base -= lineH;
            }
        }
        grid(top, bottom);
        y = bottom;
    }

    private void grid(float top, float bottom) throws IOException {
        float right = colX[colX.length - 1];
        cs.moveTo(LEFT, top);
        cs.lineTo(right, top);
        cs.moveTo(LEFT, bottom);
        cs.lineTo(right, bottom);
        for (float x : colX) {
            cs.moveTo(x, top);
            cs.lineTo(x, bottom);
        }
        cs.stroke();
    }

    private void rule(float x1, float yy, float x2) throws IOException {
        cs.setLineWidth(RULE);
        cs.moveTo(x1, yy);
        cs.lineTo(x2, yy);
        cs.stroke();
    }

    /**
     * "Trang n/" on a table page, followed by the shared page-count form. Drawn with the page rather than
     * appended afterwards: an appended stream per page (two more with the q/Q wrapping) is memory PDFBox
     * holds until the document is saved.
     */
    private void pageNumber() throws IOException {
        float size = SMALL_SIZE + 0.5f;
        int n = doc.getNumberOfPages();
        String left = "Trang " + n + "/";
        // centred as if the total had as many digits as this page's number
        float x = LEFT + (PAGE.getWidth() - LEFT - RIGHT - width(regular, size, left + n)) / 2;
        text(left, regular, size, x, BOTTOM - 18);
        cs.saveGraphicsState();
        cs.transform(Matrix.getTranslateInstance(x + width(regular, size, left), BOTTOM - 18));
        cs.drawForm(pageCount);
        cs.restoreGraphicsState();
    }

    /** The page count, into the form every table page shows; the cover carries none. */
    private void pageNumbers() throws IOException {
        try (PDPageContentStream c = new PDPageContentStream(doc, pageCount)) {
            use(c);
            text(Integer.toString(doc.getNumberOfPages()), regular, SMALL_SIZE + 0.5f, 0, 0);
        }
        cs = null;
    }

    /** Each content stream starts with no font selected. */
    private void use(PDPageContentStream c) {
        cs = c;
        csFont = null;
    }

    // ---- text -------------------------------------------------------------------------------------

    private void text(String s, PDFont font, float size, float x, float baseline) throws IOException {
        if (s.isEmpty()) {
            return;
        }
        cs.beginText();
        if (font != csFont || size != csSize) { // Tf outlives BT/ET: set it only when it changes
            cs.setFont(font, size);
            csFont = font;
            csSize = size;
        }
        cs.newLineAtOffset(x, baseline);
        cs.showText(printable(font, s));
        cs.endText();
    }

    private void centred(String s, PDFont font, float size, float x, float width, float baseline)
            throws IOException {
        String p = printable(font, s);
        text(p, font, size, x + Math.max(0, (width - width(font, size, p)) / 2), baseline);
    }

    /**
     * Lines of at most {@code max} points: paragraphs at line breaks, words at spaces, and a word
     * wider than the cell (a long ký hiệu, a URL) cut where it must.
     */
    List<String> wrap(String s, PDFont font, float size, float max) throws IOException {
        List<String> out = new ArrayList<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        String text = printable(font, s);
        float space = width(font, size, " ");
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float lineW = 0;
            for (String word : para.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                float w = width(font, size, word);
                if (line.length() > 0 && lineW + space + w <= max) {
                    line.append(' ').append(word);
                    lineW += space + w;
                    continue;
                }
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                    lineW = 0;
                }
                if (w <= max) {
                    line.append(word);
                    lineW = w;
                    continue;
                }
                int i = 0;
                while (i < word.length()) {
                    int j = i + Character.charCount(word.codePointAt(i));
                    // Take as many characters as fit, at least one, so the loop always advances.
                    while (j < word.length()) {
                        int k = j + Character.charCount(word.codePointAt(j));
                        if (width(font, size, word.substring(i, k)) > max) {
                            break;
                        }
                        j = k;
                    }
                    String piece = word.substring(i, j);
                    if (j < word.length()) {
                        out.add(piece);
                    } else {
                        line.append(piece);
                        lineW = width(font, size, piece);
                    }
                    i = j;
                }
            }
            if (line.length() > 0 || para.isEmpty()) {
                out.add(line.toString());
            }
        }
        return out;
    }

    private static float width(PDFont font, float size, String s) throws IOException {
        return font.getStringWidth(s) / 1000f * size;
    }

    /** The text with "?" for each character the font cannot draw (CJK, rare scripts), rather than no book. */
    private String printable(PDFont font, String s) {
        Map<Integer, Boolean> known = glyphs.computeIfAbsent(font, f -> new HashMap<>());
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            boolean ok = cp == '\n' || known.computeIfAbsent(cp, c -> canDraw(font, c));
            if (!ok && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                if (ok) {
                    b.appendCodePoint(cp);
                } else {
                    b.append('?');
                }
            }
            i += len;
        }
        return b == null ? s : b.toString();
    }

    private static boolean canDraw(PDFont font, int cp) {
        if (Character.isISOControl(cp)) {
            return false;
        }
        try {
            String s = new String(Character.toChars(cp));
            font.encode(s); // throws when the font has no glyph for it
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static String join(String sep, String... parts) {
        List<String> kept = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                kept.add(p.strip());
            }
        }
        return String.join(sep, kept);
    }
}
