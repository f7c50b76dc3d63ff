package vn.chidao.registry.export;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Test;

import vn.chidao.registry.api.BookExtent;
import vn.chidao.registry.api.Document;
import vn.chidao.registry.api.Signer;

public class RegisterBookTest {

    static final String SECRET = "NỘI DUNG MẬT KHÔNG ĐƯỢC IN";
    static final String SUBJECT_1 = "về lãnh đạo thực hiện chuyển đổi số trong các cơ quan Đảng";
    static final RegisterBook.Header IN = new RegisterBook.Header("Văn phòng Tỉnh ủy Đắk Nông",
            "Sổ văn bản đến 2026", "incoming", "Năm 2026");
    static final RegisterBook.Header OUT = new RegisterBook.Header("Tỉnh ủy Đắk Nông", "Sổ Nghị quyết",
            "outgoing", "Nhiệm kỳ 2020–2025");

    // ---- PDF --------------------------------------------------------------------------------------

    @Test
    public void incomingPdfHasTitleColumnsOnEveryPageAndTheEntries() throws Exception {
        byte[] pdf = pdf(IN, incoming(120));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            assertTrue("120 rows make several table pages: " + pages, pages >= 4);
            assertEquals(841.89f, doc.getPage(1).getMediaBox().getWidth(), 0.5f); // A4 landscape

            String cover = text(doc, 1, 1);
            assertTrue(cover, cover.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"));
            assertTrue(cover, cover.contains("VĂN PHÒNG TỈNH ỦY ĐẮK NÔNG"));
            assertTrue(cover, cover.contains("Năm 2026"));
            assertTrue(cover, cover.contains("Từ số 1 đến số 120"));
            assertTrue(cover, cover.contains("Từ ngày 02/01/2026 đến ngày"));

            for (int p = 2; p <= pages; p++) {
                String page = text(doc, p, p);
                assertTrue("header on page " + p, page.contains("Số đến") && page.contains("Tác giả")
                        && page.contains("Ký nhận") && page.contains("Ghi chú"));
                assertTrue("page number on page " + p, page.contains("Trang " + p + "/" + pages));
            }

            String all = text(doc, 1, pages);
            assertTrue(all.contains("Nghị quyết"));
            assertTrue(all.contains("12-NQ/TU"));
            assertTrue(all.contains("15/QĐ-UBND"));
            assertTrue(all.contains("Tỉnh ủy Đắk Nông"));
            assertTrue(all.contains("02/01/2026"));
            assertTrue("decomposed input is printed composed", all.contains("Ủy ban nhân dân"));
            assertTrue(all.contains("Văn bản mật"));
            assertTrue(all.contains("Bổ sung sau sự cố"));
            assertTrue(all.contains("Đã hủy số"));
            assertFalse("a stub shows no subject", all.contains("KHÔNG ĐƯỢC IN"));
            assertTrue("a glyph the font lacks is replaced, not fatal", all.contains("Giấy mời — ? dự hội nghị"));
            assertEquals("each number once", 1, count(all, "Hội nghị số 117 "));

            assertFontsEmbedded(doc);
        }
    }

    @Test
    public void outgoingPdf() throws Exception {
        byte[] pdf = pdf(OUT, outgoing(30));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String all = text(doc, 1, doc.getNumberOfPages());
            assertTrue(all.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐI"));
            assertTrue(all.contains("Nhiệm kỳ 2020–2025"));
            assertTrue(all.contains("Người ký"));
            assertTrue(all.contains("Nơi nhận văn bản"));
            assertTrue(all.contains("12-NQ/TU"));
            assertTrue(all.contains("Nguyễn Văn Bình"));
            assertTrue(all.contains("Đắk Mil"));
            assertFalse(all.contains("KHÔNG ĐƯỢC IN"));
            assertFontsEmbedded(doc);
        }
    }

    @Test
    public void rowLongerThanAPageRunsOnToTheNext() throws Exception {
        List<String> places = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            places.add("Chi-bộ-" + i);
        }
        Document d = outgoingDoc(1, "1-TB/TU", "Thông báo", "về một danh sách dài "
                + "x".repeat(400), places);
        byte[] pdf = pdf(OUT, List.of(d, outgoingDoc(2, "2-TB/TU", "Thông báo", "sau", List.of("Huyện ủy Cư Jút"))));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 3);
            assertTrue(text(doc, 2, 2).contains("Chi-bộ-1;"));
            assertTrue("the row continues on the next page", text(doc, 3, 3).contains("Chi-bộ-150"));
            String all = text(doc, 1, doc.getNumberOfPages());
            for (int i = 1; i < 150; i++) {
                assertEquals("recipient " + i, 1, count(all, "Chi-bộ-" + i + ";"));
            }
            assertTrue(all.contains("Chi-bộ-150"));
            assertTrue(all.contains("2-TB/TU"));
        }
    }

    @Test
    public void emptyBookHasCoverAndHeader() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf(IN, List.of()))) {
            assertEquals(2, doc.getNumberOfPages());
            assertTrue(text(doc, 2, 2).contains("Số đến"));
        }
        Map<String, String> x = unzip(xlsx(IN, List.of()));
        assertTrue(x.get("xl/worksheets/sheet1.xml").contains("Số đến"));
    }

    @Test
    public void callersStreamStaysOpen() throws Exception {
        class Tracked extends ByteArrayOutputStream {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        }
        Tracked a = new Tracked();
        RegisterBook.pdf(IN, extent(incoming(3)), incoming(3).iterator(), a);
        Tracked b = new Tracked();
        RegisterBook.xlsx(IN, incoming(3).iterator(), b);
        assertFalse(a.closed || b.closed);
        assertTrue(new String(a.toByteArray(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        assertEquals('P', b.toByteArray()[0]);
    }

    // ---- XLSX -------------------------------------------------------------------------------------

    @Test
    public void incomingXlsx() throws Exception {
        Map<String, String> x = unzip(xlsx(IN, incoming(120)));
        String sheet = x.get("xl/worksheets/sheet1.xml");
        assertNotNull(x.keySet().toString(), sheet);
        String all = sheet + x.getOrDefault("xl/sharedStrings.xml", "");
        assertTrue(all.contains("Số đến"));
        assertTrue(all.contains("Tên loại và trích yếu nội dung"));
        assertTrue(all.contains("Nghị quyết — " + SUBJECT_1));
        assertTrue(all.contains("12-NQ/TU"));
        assertTrue(all.contains("VĂN PHÒNG TỈNH ỦY ĐẮK NÔNG"));
        assertTrue(all.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN — Năm 2026"));
        assertTrue(all.contains(BookRows.STUB_NOTE));
        assertTrue(all.contains("Bổ sung sau sự cố SC-2026-03"));
        assertTrue(all.contains("Đã hủy số: đăng ký nhầm, trùng số 2"));
        assertFalse(all.contains("KHÔNG ĐƯỢC IN"));
        assertEquals("title, title, header, 120 entries", 123, count(sheet, "<row "));

        assertTrue("header row frozen", Pattern.compile("<pane [^>]*ySplit=\"3\"[^>]*state=\"frozen\"").matcher(sheet).find()
                || Pattern.compile("<pane [^>]*state=\"frozen\"[^>]*ySplit=\"3\"").matcher(sheet).find());
        assertTrue(sheet.contains("orientation=\"landscape\""));
        assertTrue(sheet.contains("fitToWidth=\"1\"") && sheet.contains("fitToHeight=\"0\""));
        assertTrue(sheet.contains("fitToPage=\"true\""));
        assertTrue(sheet.contains("<cols>"));
        assertTrue(x.get("xl/workbook.xml").contains("_xlnm.Print_Titles"));

        String styles = x.get("xl/styles.xml");
        assertTrue("dates shown dd/mm/yyyy", styles.contains("formatCode=\"dd/mm/yyyy\""));
        assertTrue(styles.contains("wrapText=\"true\""));
        assertTrue(styles.contains("<b/>") || styles.contains("<b val=\"true\"/>"));
        // 2 January 2026 is serial 46024 in the 1900 date system.
        assertTrue(sheet.contains("<v>46024"));
    }

    @Test
    public void outgoingXlsx() throws Exception {
        Map<String, String> x = unzip(xlsx(OUT, outgoing(10)));
        String sheet = x.get("xl/worksheets/sheet1.xml") + x.getOrDefault("xl/sharedStrings.xml", "");
        assertTrue(sheet.contains("Số, ký hiệu văn bản"));
        assertTrue(sheet.contains("Đơn vị, người nhận bản lưu"));
        assertTrue(sheet.contains("Nguyễn Văn Bình (T/M Ban Thường vụ, Bí thư)"));
        assertTrue(sheet.contains("Huyện ủy Cư Jút; Huyện ủy Đắk Mil"));
        assertTrue(sheet.contains("Nghị quyết — " + SUBJECT_1));
        assertTrue(x.get("xl/workbook.xml").contains("Sổ văn bản đi"));
    }

    @Test
    public void largeBookStreams() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RegisterBook.xlsx(IN, incoming(5000).iterator(), out);
        Map<String, String> x = unzip(out.toByteArray());
        assertEquals(5003, count(x.get("xl/worksheets/sheet1.xml"), "<row "));
    }

    // ---- the mapping ------------------------------------------------------------------------------

    @Test
    public void incomingNotationJoinedTheWayTheIssuerWritesIt() {
        assertEquals("12-NQ/TU", BookRows.incomingNotation(incomingDoc(1, "12", "NQ/TU", null)));
        assertEquals("15/QĐ-UBND", BookRows.incomingNotation(incomingDoc(1, "15", "QĐ-UBND", null)));
        assertEquals("45-CV/VPTU", BookRows.incomingNotation(incomingDoc(1, "45", "45-CV/VPTU", null)));
        assertEquals("7-KH/HU", BookRows.incomingNotation(incomingDoc(1, null, null, "7-KH/HU")));
        assertEquals("TB/BTCTU", BookRows.incomingNotation(incomingDoc(1, null, "TB/BTCTU", "x")));
    }

    @Test
    public void signerNotesAndText() {
        assertEquals("Nguyễn Văn Bình (K/T, Phó Bí thư)",
                BookRows.signer(new Signer("Phó Bí thư", "Nguyễn Văn Bình", "K/T")));
        assertEquals("Trần Thị Hoa", BookRows.signer(new Signer(null, "Trần Thị Hoa", " ")));
        assertEquals("", BookRows.text(null));
        assertEquals("09/03/2026", BookRows.text(LocalDate.of(2026, 3, 9)));
        String nfd = Normalizer.normalize("Đắk R'Lấp", Normalizer.Form.NFD);
        assertEquals("Đắk R'Lấp", BookRows.clean(nfd + "\t"));
        assertEquals("a b", BookRows.clean("a\u0007b"));

        Document both = new D(3).voided("lỗi").stub().backfilled("SC-1").description("ghi").build();
        assertEquals("Đã hủy số: lỗi\n" + BookRows.STUB_NOTE + "\nBổ sung sau sự cố SC-1", BookRows.notes(both));
        assertEquals("Công văn", BookRows.typeAndSubject(new D(4).stub().build()));
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    static List<Document> incoming(int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            LocalDate day = LocalDate.of(2026, 1, 2).plusDays(i / 3);
            D d = new D(i).arrival(day).issued(day.minusDays(2));
            switch (i) {
                case 1 -> d.type("Nghị quyết").subject(SUBJECT_1).organ("Tỉnh ủy Đắk Nông").original("12", "NQ/TU")
                        .to(List.of("Đồng chí Chánh Văn phòng", "Phòng Tổng hợp"));
                case 2 -> d.type("Quyết định").original("15", "QĐ-UBND")
                        .organ(Normalizer.normalize("Ủy ban nhân dân tỉnh Đắk Nông", Normalizer.Form.NFD))
                        .subject("về việc phê duyệt kế hoạch");
                case 3 -> d.voided("đăng ký nhầm, trùng số 2");
                case 4 -> d.type("Chỉ thị").subject(SECRET).description(SECRET).stub();
                case 5 -> d.subject("Giấy mời họp (nhận bản giấy khi hệ thống ngừng)").backfilled("SC-2026-03");
                case 6 -> d.type("Giấy mời").subject("中 dự hội nghị"); // no CJK in DejaVu
                default -> d.subject("Hội nghị số " + i + " về công tác xây dựng Đảng, tổ chức bộ máy, tinh gọn"
                        + (i % 4 == 0 ? " và một trích yếu dài để phải xuống dòng nhiều lần trong ô của bảng, "
                                + "đúng như sổ đăng ký văn bản đến in ra giấy để đóng quyển" : ""));
            }
            docs.add(d.build());
        }
        return docs;
    }

    static List<Document> outgoing(int n) {
        List<Document> docs = new ArrayList<>();
        docs.add(outgoingDoc(12, "12-NQ/TU", "Nghị quyết", SUBJECT_1, List.of("Huyện ủy Cư Jút", "Huyện ủy Đắk Mil")));
        D stub = new D(13).kind("outgoing").notation("13-NQ/TU").type("Nghị quyết").subject(SECRET).stub();
        docs.add(stub.build());
        for (int i = 14; docs.size() < n; i++) {
            docs.add(outgoingDoc(i, i + "-CV/TU", "Công văn", "về việc số " + i, List.of("Các huyện ủy, thành ủy")));
        }
        return docs;
    }

    static Document outgoingDoc(int number, String notation, String type, String subject, List<String> places) {
        return new D(number).kind("outgoing").notation(notation).type(type).subject(subject).places(places)
                .issued(LocalDate.of(2026, 2, 3)).amount(35)
                .signer(new Signer("Bí thư", "Nguyễn Văn Bình", "T/M Ban Thường vụ")).build();
    }

    static Document incomingDoc(int number, String origNumber, String origNotation, String notation) {
        return new D(number).original(origNumber, origNotation).notation(notation).build();
    }

    /** A register entry with plausible defaults; each setter overrides one field. */
    static final class D {
        String kind = "incoming";
        final int number;
        String notation;
        String type = "Công văn";
        LocalDate issued;
        String organ = "Huyện ủy Krông Nô";
        String subject = "về việc báo cáo";
        String description;
        Signer signer;
        List<String> to = List.of("Phòng Tổng hợp");
        List<String> places;
        Integer amount;
        LocalDate arrival;
        String origNumber = "3";
        String origNotation = "BC/HU";
        boolean stub;
        boolean backfilled;
        String incident;
        String status = "registered";
        String voidReason;

        D(int number) {
            this.number = number;
        }

        D kind(String v) { kind = v; return this; }
        D notation(String v) { notation = v; return this; }
        D type(String v) { type = v; return this; }
        D issued(LocalDate v) { issued = v; return this; }
        D organ(String v) { organ = v; return this; }
        D subject(String v) { subject = v; return this; }
        D description(String v) { description = v; return this; }
        D signer(Signer v) { signer = v; return this; }
        D to(List<String> v) { to = v; return this; }
        D places(List<String> v) { places = v; return this; }
        D amount(Integer v) { amount = v; return this; }
        D arrival(LocalDate v) { arrival = v; return this; }
        D original(String n, String s) { origNumber = n; origNotation = s; return this; }
        D stub() { stub = true; return this; }
        D backfilled(String ref) { backfilled = true; incident = ref; return this; }
        D voided(String reason) { status = "void"; voidReason = reason; return this; }

        Document build() {
            return new Document(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), kind, number, "2026",
                    notation, "CV", type, issued, organ, null, subject, "vi", 1, description, signer, to, places, 0,
                    amount, null, arrival, "paper", origNumber, origNotation, null, stub ? "Mật" : null, stub,
                    backfilled, incident, status, voidReason, List.of(), "vanthu.vptu", Instant.now());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** What the registry computes in SQL before the entries: count, first and last number and day. */
    static BookExtent extent(List<Document> docs) {
        Integer lo = null;
        Integer hi = null;
        LocalDate first = null;
        LocalDate last = null;
        for (Document d : docs) {
            lo = lo == null ? d.number() : Math.min(lo, d.number());
            hi = hi == null ? d.number() : Math.max(hi, d.number());
            LocalDate day = d.arrivalDate() != null ? d.arrivalDate() : d.issuedDate();
            if (day != null) {
                first = first == null || day.isBefore(first) ? day : first;
                last = last == null || day.isAfter(last) ? day : last;
            }
        }
        return new BookExtent(null, null, docs.size(), lo, hi, first, last);
    }

    static byte[] pdf(RegisterBook.Header h, List<Document> docs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RegisterBook.pdf(h, extent(docs), docs.iterator(), out);
        return out.toByteArray();
    }

    static byte[] xlsx(RegisterBook.Header h, List<Document> docs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RegisterBook.xlsx(h, docs.iterator(), out);
        return out.toByteArray();
    }

    static String text(PDDocument doc, int from, int to) throws IOException {
        PDFTextStripper s = new PDFTextStripper();
        s.setStartPage(from);
        s.setEndPage(to);
        return s.getText(doc);
    }

    static void assertFontsEmbedded(PDDocument doc) throws IOException {
        int seen = 0;
        for (PDPage page : doc.getPages()) {
            PDResources res = page.getResources();
            for (COSName name : res.getFontNames()) {
                PDFont font = res.getFont(name);
                assertTrue(font.getName() + " embedded", font.isEmbedded());
                assertTrue(font.getName(), font.getName().contains("DejaVuSansCondensed"));
                seen++;
            }
        }
        assertTrue(seen > 0);
    }

    /**
     * The parts of an XLSX, read from the central directory as spreadsheet programs do
     * (fastexcel's zip64 data descriptors are beyond {@link java.util.zip.ZipInputStream}).
     */
    static Map<String, String> unzip(byte[] zip) throws IOException {
        Path tmp = Files.createTempFile("book", ".xlsx");
        try {
            Files.write(tmp, zip);
            Map<String, String> parts = new HashMap<>();
            try (ZipFile z = new ZipFile(tmp.toFile())) {
                for (ZipEntry e : Collections.list(z.entries())) {
                    try (InputStream in = z.getInputStream(e)) {
                        parts.put(e.getName(), e.getName().endsWith(".xml") ? reserialised(in)
                                : new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            return parts;
        } finally {
            Files.delete(tmp);
        }
    }

    /**
     * The part parsed (so it must be well-formed) and written back as plain UTF-8: fastexcel writes
     * every non-ASCII letter as a character reference.
     */
    static String reserialised(InputStream in) throws IOException {
        try {
            org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(xml), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IOException("not well-formed XML", e);
        }
    }

    static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
