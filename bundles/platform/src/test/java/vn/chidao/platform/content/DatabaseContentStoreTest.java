package vn.chidao.platform.content;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.chidao.embeddeddb.EmbeddedDatabase;
import vn.chidao.platform.api.content.ContentRejectedException;
import vn.chidao.platform.api.content.ContentStore;
import vn.chidao.platform.api.content.StoredContent;
import vn.chidao.platform.migration.SchemaMigrator;

/** The content store against a real PostgreSQL with the platform schema; sample files are made here. */
public class DatabaseContentStoreTest {

    private static final int MIB = 1024 * 1024;
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Path TEMP = Path.of("target", "content-tmp");
    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static EmbeddedPostgres pg;
    private static PGSimpleDataSource ds;
    private DatabaseContentStore store;

    @BeforeClass
    public static void startDatabase() throws Exception {
        Path data = Path.of("target", "content-pg");
        deleteTree(data);
        deleteTree(TEMP);
        pg = EmbeddedDatabase.start(data, 55497, false);
        EmbeddedDatabase.createDatabase(pg, "chidao");
        ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {pg.getPort()});
        ds.setDatabaseName("chidao");
        ds.setUser("postgres");
        SchemaMigrator.migrate(ds, DatabaseContentStoreTest.class.getClassLoader(), "db/platform");
    }

    @AfterClass
    public static void stopDatabase() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Before
    public void emptyStore() throws Exception {
        sql("TRUNCATE platform.content_holder, platform.content_chunk, platform.content");
        store = DatabaseContentStore.withMaxBytes(ds, () -> NOW, TEMP, DatabaseContentStore.DEFAULT_MAX_BYTES);
    }

    @After
    public void nothingLeftInTheTemporaryDirectory() throws IOException {
        assertEquals("temporary files left behind", List.of(), tempFiles());
    }

    @Test(timeout = 60_000)
    public void multiChunkFileComesBackIdentical() throws Exception {
        byte[] bytes = png(3 * MIB + MIB / 2, 1);
        StoredContent c = store.put(new ByteArrayInputStream(bytes), "Ảnh chụp văn bản.png", "image/png");
        assertEquals(sha(bytes), c.sha256());
        assertEquals(bytes.length, c.size());
        assertEquals(ContentStore.PNG, c.mediaType());
        assertEquals(0, c.pages());
        assertEquals(NOW, c.storedAt());
        assertEquals(c, store.find(c.sha256()).orElseThrow());
        assertEquals("4 chunks of at most 1 MiB, the last one the rest", "1048576,1048576,1048576,524288",
                string("SELECT string_agg(length(data)::text, ',' ORDER BY seq) FROM platform.content_chunk"));
        assertEquals("", store.text(c.sha256()));

        try (InputStream in = store.open(c.sha256().toUpperCase()).orElseThrow()) {
            assertEquals("first byte", 0x89, in.read());
            // between reads of a slow download the store holds no connection
            assertEquals(0, otherConnections());
            byte[] rest = in.readAllBytes();
            assertEquals(bytes.length - 1, rest.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 1, bytes.length), rest);
            assertEquals(-1, in.read());
        }
    }

    @Test(timeout = 60_000)
    public void contentIsHeldByTheAgenciesThatPutIt() throws Exception {
        java.util.UUID tinhUy = java.util.UUID.randomUUID();
        java.util.UUID cuJut = java.util.UUID.randomUUID();
        byte[] bytes = png(2048, 5);
        StoredContent c = store.put(new ByteArrayInputStream(bytes), "a.png", "image/png", tinhUy);
        assertTrue(store.heldBy(c.sha256(), List.of(tinhUy)));
        assertFalse("knowing the hash is not holding it", store.heldBy(c.sha256(), List.of(cuJut)));
        assertFalse("put without an agency holds nothing",
                store.heldBy(store.put(new ByteArrayInputStream(png(2048, 6)), "b.png", "image/png").sha256(), List.of(tinhUy)));
        store.put(new ByteArrayInputStream(bytes), "c.png", "image/png", cuJut);
        store.put(new ByteArrayInputStream(bytes), "d.png", "image/png", cuJut);
        assertTrue(store.heldBy(c.sha256().toUpperCase(), List.of(cuJut)));
        assertEquals("one row per agency, however often put", "2",
                string("SELECT count(*) FROM platform.content_holder"));
        assertFalse(store.heldBy("not a hash", List.of(tinhUy)));
        assertFalse(store.heldBy(c.sha256(), List.of()));
    }

    @Test(timeout = 60_000)
    public void sameBytesAreKeptOnce() throws Exception {
        byte[] bytes = png(MIB + 10, 2);
        StoredContent first = store.put(new ByteArrayInputStream(bytes), "a.png", "image/png");
        DatabaseContentStore later = DatabaseContentStore.withMaxBytes(ds, () -> NOW.plusSeconds(60), TEMP, 10 * MIB);
        StoredContent second = later.put(new ByteArrayInputStream(bytes), "b.png", "IMAGE/PNG; x=y");
        assertEquals("the first keeping is returned", first, second);
        assertEquals("1/2", string("SELECT (SELECT count(*) FROM platform.content) || '/'"
                + " || (SELECT count(*) FROM platform.content_chunk)"));
    }

    @Test(timeout = 120_000)
    public void concurrentPutsOfTheSameBytesAllSucceed() throws Exception {
        byte[] bytes = tiff(2 * MIB + 123, 3);
        int n = 4;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<StoredContent>> puts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "scan-" + i + ".tif";
                Callable<StoredContent> put = () -> {
                    start.await();
                    return store.put(new ByteArrayInputStream(bytes), name, ContentStore.TIFF);
                };
                puts.add(pool.submit(put));
            }
            for (Future<StoredContent> f : puts) {
                assertEquals(sha(bytes), f.get().sha256());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("1/3", string("SELECT (SELECT count(*) FROM platform.content) || '/'"
                + " || (SELECT count(*) FROM platform.content_chunk)"));
        try (InputStream in = store.open(sha(bytes)).orElseThrow()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test(timeout = 60_000)
    public void tooLargeIsRefusedSoonAfterTheLimit() throws Exception {
        DatabaseContentStore small = DatabaseContentStore.withMaxBytes(ds, () -> NOW, TEMP, MIB);
        assertEquals(MIB, small.maxBytes());
        // endless bytes that look like a PDF: the store must stop reading, not drain the client
        CountingStream endless = new CountingStream(Long.MAX_VALUE, "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        ContentRejectedException e = refused(413, "file-too-large",
                () -> small.put(endless, "big.pdf", ContentStore.PDF));
        assertTrue(e.problem().detail(), e.problem().detail().contains("1 MB"));
        assertTrue("read " + endless.count, endless.count <= MIB + 1);

        // exactly at the limit is fine
        byte[] atLimit = png(MIB, 4);
        assertEquals(MIB, small.put(new ByteArrayInputStream(atLimit), "vừa đủ.png", ContentStore.PNG).size());
        refused(413, "file-too-large", () -> small.put(new ByteArrayInputStream(png(MIB + 1, 5)), "x.png", ContentStore.PNG));
    }

    @Test(timeout = 60_000)
    public void emptyFileIsRefused() throws Exception {
        refused(400, "empty-file", () -> store.put(new ByteArrayInputStream(new byte[0]), "rỗng.pdf", ContentStore.PDF));
    }

    @Test(timeout = 60_000)
    public void bytesThatAreNotWhatIsDeclaredAreRefused() throws Exception {
        byte[] elf = withHead(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 4096, 6);
        byte[] exe = withHead(new byte[] {'M', 'Z', (byte) 0x90, 0}, 4096, 7);
        byte[] text = "Nghị quyết của Ban Thường vụ\n".getBytes(StandardCharsets.UTF_8);
        byte[] png = png(2048, 8);
        byte[] jpeg = jpeg(2048, 9);
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(elf), "nghi-quyet.pdf", ContentStore.PDF));
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(exe), "nghi-quyet.pdf", ContentStore.PDF));
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(text), "nghi-quyet.pdf", ContentStore.PDF));
        ContentRejectedException e = refused(415, "file-type-mismatch",
                () -> store.put(new ByteArrayInputStream(png), "nghi-quyet.pdf", ContentStore.PDF));
        assertEquals("Nội dung tệp không phải là PDF như đã khai báo.", e.problem().detail());
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(png), "anh.jpg", ContentStore.JPEG));
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(jpeg), "anh.png", ContentStore.PNG));
        assertEquals(ContentStore.JPEG, store.put(new ByteArrayInputStream(jpeg), "anh.jpg", ContentStore.JPEG).mediaType());
    }

    @Test(timeout = 60_000)
    public void unsupportedDeclaredTypesAreRefused() throws Exception {
        byte[] exe = withHead(new byte[] {'M', 'Z', (byte) 0x90, 0}, 1024, 10);
        for (String type : new String[] {"application/x-msdownload", "text/plain", "application/zip", "", null}) {
            refused(415, "unsupported-file-type", () -> store.put(new ByteArrayInputStream(exe), "a.exe", type));
        }
    }

    @Test(timeout = 60_000)
    public void brokenPdfIsRefused() throws Exception {
        byte[] garbage = withHead("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 8192, 11);
        refused(400, "broken-pdf", () -> store.put(new ByteArrayInputStream(garbage), "hỏng.pdf", ContentStore.PDF));
        byte[] noBody = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        refused(400, "broken-pdf", () -> store.put(new ByteArrayInputStream(noBody), "hỏng.pdf", ContentStore.PDF));
    }

    @Test(timeout = 60_000)
    public void officePackagesAreTold() throws Exception {
        byte[] docx = zip("[Content_Types].xml", "_rels/.rels", "word/document.xml");
        byte[] xlsx = zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml");
        byte[] plainZip = zip("word/document.xml", "readme.txt");
        byte[] emptyWordFolder = zip("[Content_Types].xml", "word/");
        assertEquals(ContentStore.DOCX, store.put(new ByteArrayInputStream(docx), "Tờ trình.docx", ContentStore.DOCX).mediaType());
        assertEquals(ContentStore.XLSX, store.put(new ByteArrayInputStream(xlsx), "Số liệu.xlsx", ContentStore.XLSX).mediaType());
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(docx), "a.xlsx", ContentStore.XLSX));
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(xlsx), "a.docx", ContentStore.DOCX));
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(plainZip), "a.docx", ContentStore.DOCX));
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(emptyWordFolder), "a.docx", ContentStore.DOCX));
        // a ZIP signature with no central directory
        byte[] fakeZip = withHead(new byte[] {'P', 'K', 3, 4}, 1024, 12);
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(fakeZip), "a.docx", ContentStore.DOCX));
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(docx), "a.pdf", ContentStore.PDF));
    }

    @Test(timeout = 60_000)
    public void namesThatAreNotPlainAreRefused() throws Exception {
        byte[] png = png(512, 13);
        String[] bad = {"../../etc/passwd", "a/b.pdf", "C:\\x.pdf", "tên\u0000.pdf", "", "   ", null, "..",
                "dòng\nmới.pdf", "hoá-đơn\u202Efdp.exe", "x".repeat(252) + ".png", "tab\t.png"};
        for (String name : bad) {
            refused(400, "bad-file-name", () -> store.put(new ByteArrayInputStream(png), name, ContentStore.PNG));
        }
        // decomposed Vietnamese (as macOS sends it) counts in composed characters; 255 of them are fine
        String nfd = Normalizer.normalize("Quyết định số 12-QĐ.TU ", Normalizer.Form.NFD);
        String longName = nfd + "ả".repeat(255 - 23 - 4) + ".png";
        assertEquals(512, store.put(new ByteArrayInputStream(png), longName, ContentStore.PNG).size());
    }

    @Test(timeout = 60_000)
    public void realPdfWithVietnameseTextGivesPagesAndTextLayer() throws Exception {
        byte[] pdf = vietnamesePdf();
        StoredContent c = store.put(new ByteArrayInputStream(pdf), "Nghị quyết 05.pdf", "Application/PDF");
        assertEquals(ContentStore.PDF, c.mediaType());
        assertEquals(2, c.pages());
        assertEquals(sha(pdf), c.sha256());
        String text = store.text(c.sha256());
        assertTrue(text, text.contains("Nghị quyết về công tác cán bộ"));
        assertTrue(text, text.contains("Đảng bộ tỉnh Đắk Nông"));
        // page 2 was drawn with decomposed letters (base + combining mark glyphs): stored composed
        assertTrue(text, text.contains("Nghị quyết số 05-NQ/TU"));
        assertTrue("NFC", Normalizer.isNormalized(text, Normalizer.Form.NFC));
        try (InputStream in = store.open(c.sha256()).orElseThrow()) {
            assertArrayEquals(pdf, in.readAllBytes());
        }
    }

    @Test(timeout = 60_000)
    public void pdfWithAStandardFontOrWithoutTextIsKept() throws Exception {
        byte[] helvetica;
        byte[] scan;
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12); // not embedded
                s.newLineAtOffset(72, 700);
                s.showText("Bao cao so 7");
                s.endText();
            }
            helvetica = save(doc);
        }
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.addPage(new PDPage());
            doc.addPage(new PDPage());
            scan = save(doc);
        }
        StoredContent h = store.put(new ByteArrayInputStream(helvetica), "bao-cao.pdf", ContentStore.PDF);
        assertEquals(1, h.pages());
        assertEquals("Bao cao so 7", store.text(h.sha256()));
        StoredContent s = store.put(new ByteArrayInputStream(scan), "ban-scan.pdf", ContentStore.PDF);
        assertEquals(3, s.pages());
        assertEquals("", store.text(s.sha256()));
    }

    @Test(timeout = 60_000)
    public void leftoversOfACrashedNodeAreRemovedAtActivation() throws Exception {
        Path data = Path.of("target", "content-karaf-data");
        Path dir = data.resolve("tmp").resolve("content");
        Files.createDirectories(dir);
        Path old = Files.write(dir.resolve("put-1.tmp"), new byte[10]);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(7))));
        Path current = Files.write(dir.resolve("put-2.tmp"), new byte[10]);
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", data.toString());
        try {
            DatabaseContentStore component = new DatabaseContentStore(ds, () -> NOW, null, config(2 * MIB));
            assertFalse("stale file removed", Files.exists(old));
            assertTrue("an upload in progress is left alone", Files.exists(current));
            assertEquals(2 * MIB, component.maxBytes());
            component.modified(config(3 * MIB));
            assertEquals("configuration changes apply without restart", 3 * MIB, component.maxBytes());
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    @Test(timeout = 60_000)
    public void anAgencyCannotHoldMoreThanItsQuota() throws Exception {
        DatabaseContentStore quota = DatabaseContentStore.withLimits(ds, () -> NOW, TEMP,
                DatabaseContentStore.Limits.defaults(MIB).withAgencyQuota(5000));
        java.util.UUID huyenUy = java.util.UUID.randomUUID();
        java.util.UUID tinhUy = java.util.UUID.randomUUID();
        byte[] first = png(3000, 21);
        byte[] second = png(3000, 22);
        quota.put(new ByteArrayInputStream(first), "a.png", ContentStore.PNG, huyenUy);
        ContentRejectedException e = refused(507, "storage-quota-exceeded",
                () -> quota.put(new ByteArrayInputStream(second), "b.png", ContentStore.PNG, huyenUy));
        assertTrue(e.problem().detail(), e.problem().detail().contains("dung lượng lưu trữ"));
        assertTrue(e.problem().detailEn(), e.problem().detailEn().contains("storage quota"));
        assertEquals("nothing held for the refusal", "1",
                string("SELECT count(*) FROM platform.content_holder WHERE agency_id = '" + huyenUy + "'"));
        // what it holds already costs nothing again; another agency has its own quota
        quota.put(new ByteArrayInputStream(first), "a lần nữa.png", ContentStore.PNG, huyenUy);
        quota.put(new ByteArrayInputStream(second), "b.png", ContentStore.PNG, tinhUy);
        // content another agency put still counts when this one holds it too
        refused(507, "storage-quota-exceeded",
                () -> quota.put(new ByteArrayInputStream(second), "b.png", ContentStore.PNG, huyenUy));
    }

    @Test(timeout = 60_000)
    public void concurrentUploadsOfOneAgencyCannotBothTakeTheLastBytes() throws Exception {
        DatabaseContentStore quota = DatabaseContentStore.withLimits(ds, () -> NOW, TEMP,
                DatabaseContentStore.Limits.defaults(MIB).withAgencyQuota(5000));
        java.util.UUID agency = java.util.UUID.randomUUID();
        int n = 6;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] bytes = png(3000, 30 + i);
            results.add(pool.submit(() -> {
                start.await();
                try {
                    quota.put(new ByteArrayInputStream(bytes), "song-song.png", ContentStore.PNG, agency);
                    return true;
                } catch (ContentRejectedException e) {
                    assertEquals("storage-quota-exceeded", e.problem().type().substring("urn:chidao:problem:".length()));
                    return false;
                }
            }));
        }
        int kept = 0;
        for (Future<Boolean> f : results) {
            kept += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals("exactly one fits in the quota", 1, kept);
        assertTrue(Long.parseLong(string("SELECT sum(c.size) FROM platform.content_holder h JOIN platform.content c"
                + " USING (sha256) WHERE h.agency_id = '" + agency + "'")) <= 5000);
    }

    @Test(timeout = 60_000)
    public void compressionBombIsRefusedWithoutDecodingItInMemory() throws Exception {
        DatabaseContentStore bounded = DatabaseContentStore.withLimits(ds, () -> NOW, TEMP,
                DatabaseContentStore.Limits.defaults(MIB).withInspections(1, Duration.ofSeconds(30), 8L * MIB));
        byte[] bomb = flateBombPdf(200L * MIB);
        assertTrue("small on the wire: " + bomb.length, bomb.length < MIB);
        ContentRejectedException e = refused(422, "file-too-complex",
                () -> bounded.put(new ByteArrayInputStream(bomb), "bom.pdf", ContentStore.PDF));
        assertTrue(e.problem().detail(), e.problem().detail().contains("bom nén"));
        // a document under the budget still passes
        assertEquals(2, bounded.put(new ByteArrayInputStream(vietnamesePdf()), "Nghị quyết.pdf", ContentStore.PDF).pages());
    }

    @Test(timeout = 60_000)
    public void imagesMustDecodeNotOnlyStartRight() throws Exception {
        byte[] pngHeadThenGarbage = withHead(PNG_HEAD, 4096, 40);
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(pngHeadThenGarbage), "a.png", ContentStore.PNG));
        byte[] jpegHeadThenGarbage = withHead(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}, 4096, 41);
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(jpegHeadThenGarbage), "a.jpg", ContentStore.JPEG));
        byte[] tiffHeadThenGarbage = withHead(new byte[] {'I', 'I', '*', 0}, 4096, 42);
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(tiffHeadThenGarbage), "a.tif", ContentStore.TIFF));
        // a real image with a valid header but its pixel data replaced
        byte[] damaged = png(4096, 43);
        for (int i = 41; i < 120; i++) {
            damaged[i] = (byte) (damaged[i] ^ 0x5a);
        }
        refused(415, "file-type-mismatch", () -> store.put(new ByteArrayInputStream(damaged), "hỏng.png", ContentStore.PNG));
    }

    @Test(timeout = 60_000)
    public void anImageClaimingTenBillionPixelsIsRefusedBeforeDecoding() throws Exception {
        byte[] huge = pngClaiming(100_000, 100_000);
        ContentRejectedException e = refused(422, "file-too-complex",
                () -> store.put(new ByteArrayInputStream(huge), "rất-lớn.png", ContentStore.PNG));
        assertTrue(e.problem().detail(), e.problem().detail().contains("100000 × 100000"));
    }

    /** A PNG whose header (IHDR, right CRC) claims this size, with one tiny IDAT and IEND. */
    private static byte[] pngClaiming(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PNG_HEAD);
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(t);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** One page whose content stream is {@code decoded} spaces, Flate-compressed to a few hundred KB. */
    private static byte[] flateBombPdf(long decoded) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            InputStream spaces = new InputStream() {
                private long left = decoded;

                @Override
                public int read() {
                    return left-- > 0 ? ' ' : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                    left -= n;
                    return n;
                }
            };
            page.setContents(new org.apache.pdfbox.pdmodel.common.PDStream(doc, spaces,
                    org.apache.pdfbox.cos.COSName.FLATE_DECODE));
            return save(doc);
        }
    }

    @Test(timeout = 60_000)
    public void unknownContentIsEmpty() {
        String unknown = "0".repeat(64);
        assertTrue(store.find(unknown).isEmpty());
        assertTrue(store.open(unknown).isEmpty());
        assertEquals("", store.text(unknown));
        assertTrue(store.find("../../etc/passwd").isEmpty());
        assertTrue(store.open(null).isEmpty());
    }

    @Test(timeout = 60_000)
    public void damagedChunksFailTheRead() throws Exception {
        byte[] bytes = png(2 * MIB + 5, 14);
        String sha = store.put(new ByteArrayInputStream(bytes), "a.png", ContentStore.PNG).sha256();
        sql("UPDATE platform.content_chunk SET data = overlay(data PLACING '\\x00'::bytea FROM 100) WHERE seq = 1");
        try (InputStream in = store.open(sha).orElseThrow()) {
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertTrue(e.getMessage(), e.getMessage().contains("damaged"));
            assertThrows("stays failed", IOException.class, in::read);
        }
        sql("DELETE FROM platform.content_chunk WHERE seq = 2");
        try (InputStream in = store.open(sha).orElseThrow()) {
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertTrue(e.getMessage(), e.getMessage().contains("missing"));
        }
    }

    @Test(timeout = 60_000)
    public void aStreamFailingHalfWayLeavesNothing() throws Exception {
        // the client is gone in the middle of the upload
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 100_000) {
                    throw new IOException("connection reset");
                }
                return n == 1 ? '%' : 'x';
            }
        };
        assertThrows(java.io.UncheckedIOException.class, () -> store.put(failing, "a.pdf", ContentStore.PDF));
        assertEquals("0", string("SELECT count(*) FROM platform.content"));
    }

    // --- helpers ---

    /** Asserts the refusal and that it kept nothing: no rows, no temporary file. */
    private static ContentRejectedException refused(int status, String kind, ThrowingRunnable put) throws Exception {
        String before = string("SELECT (SELECT count(*) FROM platform.content) || '/'"
                + " || (SELECT count(*) FROM platform.content_chunk)");
        ContentRejectedException e = null;
        try {
            put.run();
            fail("expected " + kind);
        } catch (ContentRejectedException r) {
            e = r;
        }
        assertEquals(e.getMessage(), status, e.problem().status());
        assertEquals(e.getMessage(), "urn:chidao:problem:" + kind, e.problem().type());
        assertEquals("Tệp không được chấp nhận", e.problem().title());
        assertEquals("nothing kept", before, string("SELECT (SELECT count(*) FROM platform.content) || '/'"
                + " || (SELECT count(*) FROM platform.content_chunk)"));
        assertEquals("temporary files left behind", List.of(), tempFiles());
        return e;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A stream of {@code length} bytes starting with {@code head}; counts what was read. */
    static final class CountingStream extends InputStream {
        final long length;
        final byte[] head;
        long count;

        CountingStream(long length, byte[] head) {
            this.length = length;
            this.head = head;
        }

        @Override
        public int read() {
            if (count >= length) {
                return -1;
            }
            long i = count++;
            return i < head.length ? head[(int) i] & 0xff : 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (count >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - count);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }

    private static DatabaseContentStore.Config config(long maxBytes) {
        return new DatabaseContentStore.Config() {
            @Override
            public long maxBytes() {
                return maxBytes;
            }

            @Override
            public long agencyQuotaBytes() {
                return DatabaseContentStore.Limits.DEFAULT_AGENCY_QUOTA;
            }

            @Override
            public int maxConcurrentInspections() {
                return 1;
            }

            @Override
            public int inspectionSeconds() {
                return 30;
            }

            @Override
            public long maxDecodedBytes() {
                return DatabaseContentStore.Limits.DEFAULT_DECODED;
            }

            @Override
            public long maxImagePixels() {
                return DatabaseContentStore.Limits.DEFAULT_IMAGE_PIXELS;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return DatabaseContentStore.Config.class;
            }
        };
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    static byte[] png(int size, long seed) {
        return image("png", size, seed);
    }

    private static byte[] tiff(int size, long seed) {
        return image("tiff", size, seed);
    }

    static byte[] jpeg(int size, long seed) {
        return image("jpeg", size, seed);
    }

    /** A real 8×8 image (pixels from the seed), padded with random bytes after its end to exactly {@code size}. */
    static byte[] image(String format, int size, long seed) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertTrue(format, javax.imageio.ImageIO.write(img, format, out));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] head = out.toByteArray();
        assertTrue(format + " of " + head.length + " bytes fits in " + size, head.length <= size);
        return withHead(head, size, seed);
    }

    private static byte[] withHead(byte[] head, int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    private static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : entries) {
                z.putNextEntry(new ZipEntry(name));
                if (!name.endsWith("/")) {
                    z.write(("<x name=\"" + name + "\"/>").getBytes(StandardCharsets.UTF_8));
                }
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /**
     * Two pages in Liberation Sans (shipped inside PDFBox, so no system font is needed), embedded as a
     * subset. Page 2 is written decomposed, as text pasted from macOS may be.
     */
    private static byte[] vietnamesePdf() throws IOException {
        try (PDDocument doc = new PDDocument();
             InputStream ttf = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            assertNotNull("PDFBox ships Liberation Sans", ttf);
            PDType0Font font = PDType0Font.load(doc, ttf);
            String[][] pages = {
                {"ĐẢNG BỘ TỈNH ĐẮK NÔNG", "Nghị quyết về công tác cán bộ", "Đảng bộ tỉnh Đắk Nông nhiệm kỳ 2025 - 2030"},
                {Normalizer.normalize("Nghị quyết số 05-NQ/TU", Normalizer.Form.NFD), "Nơi nhận: các huyện ủy, thành ủy."},
            };
            for (String[] lines : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    s.beginText();
                    s.setFont(font, 14);
                    s.setLeading(20);
                    s.newLineAtOffset(72, 700);
                    for (String line : lines) {
                        s.showText(line);
                        s.newLine();
                    }
                    s.endText();
                }
            }
            return save(doc);
        }
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<Path> tempFiles() throws IOException {
        if (!Files.isDirectory(TEMP)) {
            return List.of();
        }
        try (var files = Files.list(TEMP)) {
            return files.toList();
        }
    }

    private static void sql(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String string(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Client backends in the database other than the asking one (waits briefly for closed ones to go). */
    private static int otherConnections() throws Exception {
        int n = -1;
        for (int i = 0; i < 50 && n != 0; i++) {
            n = Integer.parseInt(string("SELECT count(*) FROM pg_stat_activity WHERE datname = 'chidao'"
                    + " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"));
            if (n != 0) {
                Thread.sleep(20);
            }
        }
        return n;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
