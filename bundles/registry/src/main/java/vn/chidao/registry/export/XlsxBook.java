package vn.chidao.registry.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;

import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Position;
import org.dhatim.fastexcel.StyleSetter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The XLSX book with fastexcel (embedded in the bundle): one sheet with the agency and the title on
 * top, the bold header row frozen under them and repeated on every printed page, real dates shown
 * dd/MM/yyyy, wrapped text, A4 landscape fitted to the page width. Rows are flushed to the stream in
 * batches and text is written inline, so neither the rows nor a shared-string table grow with the book.
 */
final class XlsxBook {

    static final int HEAD_ROW = 2;
    private static final int BATCH = 200;
    private static final double WIDTH_SCALE = 1.15;
    private static final String DATE_FORMAT = "dd/mm/yyyy";

    private XlsxBook() {
    }

    static void write(RegisterBook.Header h, BookRows rows, OutputStream out) throws IOException {
        List<BookRows.Column> cols = rows.columns;
        int last = cols.size() - 1;
        Workbook wb = new Workbook(out, "Chidao", "1.0");
        wb.setGlobalDefaultFont("Times New Roman", 11);
        wb.properties().setTitle(h.title() + " — " + h.agencyName()
                + (h.periodLabel().isEmpty() ? "" : " — " + h.periodLabel()));
        Worksheet ws = wb.newWorksheet(h.incoming() ? "Sổ văn bản đến" : "Sổ văn bản đi");

        // Everything about the sheet's layout goes before the first flush, which writes its head.
        for (int c = 0; c <= last; c++) {
            ws.width(c, cols.get(c).width() * WIDTH_SCALE);
        }
        ws.freezePane(0, HEAD_ROW + 1);
        ws.pageOrientation("landscape");
        ws.paperSize(PaperSize.A4_PAPER);
        ws.fitToWidth((short) 1);
        ws.fitToHeight((short) 0); // as many pages down as it takes
        ws.repeatRows(HEAD_ROW);
        ws.leftMargin(0.8f); // the bound side
        ws.rightMargin(0.4f);
        ws.topMargin(0.5f);
        ws.bottomMargin(0.6f);
        ws.footer("Trang &P/&N", Position.CENTER, 10);

        ws.inlineString(0, 0, h.agencyUpper());
        ws.range(0, 0, 0, last).merge();
        ws.range(0, 0, 0, last).style().bold().set();
        ws.inlineString(1, 0, h.periodLabel().isEmpty() ? h.title() : h.title() + " — " + h.periodLabel());
        ws.range(1, 0, 1, last).merge();
        ws.range(1, 0, 1, last).style().bold().fontSize(14).horizontalAlignment("center").set();
        ws.rowHeight(1, 24);

        for (int c = 0; c <= last; c++) {
            ws.inlineString(HEAD_ROW, c, cols.get(c).name());
        }
        border(ws.range(HEAD_ROW, 0, HEAD_ROW, last).style().bold().wrapText(true)
                .horizontalAlignment("center").verticalAlignment("center").fillColor("F2F2F2")).set();

        int r = HEAD_ROW + 1;
        for (Object[] row : rows) {
            for (int c = 0; c <= last; c++) {
                Object cell = row[c];
                if (cell instanceof LocalDate date) {
                    ws.value(r, c, date);
                } else if (cell instanceof Number n) {
                    ws.value(r, c, n);
                } else if (cell != null) {
                    ws.inlineString(r, c, cell.toString());
                }
                StyleSetter s = border(ws.style(r, c).wrapText(true).verticalAlignment("top"));
                if (cols.get(c).align() == BookRows.Align.CENTER) {
                    s.horizontalAlignment("center");
                }
                if (cell instanceof LocalDate) {
                    s.format(DATE_FORMAT);
                }
                s.set();
            }
            if (++r % BATCH == 0) {
                ws.flush();
            }
        }
        ws.finish();
        wb.finish();
    }

    private static StyleSetter border(StyleSetter s) {
        return s.borderStyle(BorderStyle.THIN).borderColor("000000");
    }
}
