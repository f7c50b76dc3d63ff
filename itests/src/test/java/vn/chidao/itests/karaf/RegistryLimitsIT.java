package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.sshd.client.SshClient;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import vn.chidao.itests.support.Http;

/**
 * Issue 13's last item: register books and deep pages without whole periods in memory. Books of many
 * entries (put in by SQL) come out as PDF and XLSX with every row, through REST and through the shell as a
 * real administrator; a third book at once is refused with Retry-After, a book past the configured size
 * with a hint to narrow it, and pages past 10,000 rows of every paged list are refused. The heap is
 * measured while a 100,000-entry book is written.
 */
public class RegistryLimitsIT extends ChidaoTestSupport {

    private static final String API = "/api/v1/registry";
    private static final Pattern MARK = Pattern.compile("VB-\\d{6}");

    /** A clerk's agency with an incoming register of {@code entries} entries over 2026, subjects "... VB-000001". */
    private record Book(UUID agency, String clerk, UUID register) {
    }

    private Book book(AccountFixture fx, int entries) throws Exception {
        UUID agency = fx.agency("Văn phòng Sổ Lớn", null, "province");
        String clerk = fx.person("vanthu", agency, "clerk").token();
        UUID register = new RegistryFixture(this, fx).register("incoming", clerk);
        insert(agency, register, entries);
        return new Book(agency, clerk, register);
    }

    /** Entries straight into the table, days spread evenly over 2026 (2 January to 27 December). */
    private void insert(UUID agency, UUID register, int entries) {
        sql("INSERT INTO registry.document (id, register_id, agency_id, kind, number, period, counter_type, notation, type_code,"
                + " issued_date, organ_name, subject, arrival_date, arrival_method, original_number, original_notation,"
                + " registered_by, registered_at, updated_at) SELECT gen_random_uuid(), ?, ?, 'incoming', n, '2026', '', n || '/UBND',"
                + " 'CV', date '2026-01-01' + ((n - 1) * 360 / ?)::int, 'Ủy ban nhân dân tỉnh Đắk Nông',"
                + " 'Về việc thử sổ lớn VB-' || lpad(n::text, 6, '0'), date '2026-01-02' + ((n - 1) * 360 / ?)::int, 'post',"
                + " n::text, 'UBND', 'test', now(), now() FROM generate_series(1, ?) n", register, agency, entries, entries, entries);
        sql("INSERT INTO registry.counter (register_id, period, doc_type, last_number) VALUES (?, '2026', '', ?)", register, entries);
    }

    private String bookPath(UUID register, String query) {
        return API + "/registers/" + register + "/book?period=2026" + query;
    }

    private Http.Res download(String token, String path, Path file) {
        return http.download(path, token, file, Duration.ofMinutes(4));
    }

    @Test(timeout = 300_000)
    public void aBookOfManyEntriesComesOutWholeAsPdfAndXlsxAndThroughTheShell() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Book b = book(fx, 3000);
        Path dir = Files.createTempDirectory("chidao-book-it");

        Path pdf = dir.resolve("so.pdf");
        Http.Res r = download(b.clerk(), bookPath(b.register(), ""), pdf);
        assertEquals(r.body(), 200, r.status());
        assertTrue(r.contentType().startsWith("application/pdf"));
        assertEquals(Long.toString(Files.size(pdf)), r.header("Content-Length"));
        assertTrue(r.header("Content-Disposition"), r.header("Content-Disposition").contains("so-den-2026.pdf"));
        String text = pdfText(pdf);
        assertEquals("every entry printed once", 3000, marks(text).size());
        assertTrue("the title page spans the numbers", text.contains("Từ số 1 đến số 3000"));

        Path xlsx = dir.resolve("so.xlsx");
        r = download(b.clerk(), bookPath(b.register(), "&format=xlsx"), xlsx);
        assertEquals(r.body(), 200, r.status());
        assertEquals("title, title, header and every entry", 3003, xlsxRows(xlsx));

        // a quarter of the year: only its entries, and the label says so
        long quarter = count("SELECT count(*) FROM registry.document WHERE register_id = '" + b.register()
                + "' AND arrival_date BETWEEN '2026-04-01' AND '2026-06-30'");
        assertTrue(quarter > 500 && quarter < 1000);
        r = download(b.clerk(), bookPath(b.register(), "&from=2026-04-01&to=2026-06-30"), pdf);
        assertEquals(r.body(), 200, r.status());
        text = pdfText(pdf);
        assertEquals(quarter, marks(text).size());
        assertTrue(text, text.contains("Năm 2026 (từ ngày 01/04/2026 đến ngày 30/06/2026)"));
        PlatformIT.assertProblem(http.get(bookPath(b.register(), "&from=2026-06-30&to=2026-04-01"), b.clerk()), 400,
                "invalid-field");
        PlatformIT.assertProblem(http.get(bookPath(b.register(), "&from=30/06/2026"), b.clerk()), 400, "invalid-field");

        // the shell as a real administrator's ssh session (once: "'admin' is not an active Chidao account")
        adminToken();
        Path shellFile = dir.resolve("shell.xlsx");
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            SshShell.Result out = SshShell.exec(client, "admin", ADMIN_PASSWORD + currentCode("admin",
                    System.getProperty("chidao.it.adminTotp")), "chidao:register-export --format xlsx --from 01/04/2026 --to"
                    + " 30/06/2026 " + b.register() + " 2026 " + shellFile);
            assertTrue(out.toString(), out.ok() && out.out().contains("(" + quarter + " văn bản)"));
            assertEquals(quarter + 3, xlsxRows(shellFile));
        }
    }

    @Test(timeout = 180_000)
    public void aThirdBookAtOnceIsRefusedWithRetryAfterAndATooLargeOneIsToldToNarrow() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Book b = book(fx, 300);
        String path = bookPath(b.register(), "&format=xlsx");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // two books wait on a lock their count needs, holding both places of the node
        try (Connection lock = dataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE registry.doc_type IN ACCESS EXCLUSIVE MODE");
            }
            List<Future<Http.Res>> held = List.of(pool.submit(() -> http.get(path, b.clerk())),
                    pool.submit(() -> http.get(path, b.clerk())));
            assertTrue("both books wait on the lock", Http.await(Duration.ofSeconds(30), () -> count("SELECT count(*) FROM"
                    + " pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%registry.document%'") == 2));
            Http.Res third = http.get(path, b.clerk());
            PlatformIT.assertProblem(third, 503, "server-busy");
            assertEquals("30", third.header("Retry-After"));
            lock.rollback();
            for (Future<Http.Res> f : held) {
                assertEquals(200, f.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("the places are free again", 200, http.get(path, b.clerk()).status());

        ConfigurationAdmin ca = bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
        Configuration cfg = ca.getConfiguration("vn.chidao.registry", null);
        Dictionary<String, Object> before = cfg.getProperties();
        Dictionary<String, Object> small = new Hashtable<>();
        for (String key : java.util.Collections.list(before.keys())) {
            small.put(key, before.get(key));
        }
        small.put("maxBookEntries", 100);
        try {
            cfg.update(small);
            assertTrue(Http.await(Duration.ofSeconds(20), () -> http.get(path, b.clerk()).status() == 422));
            Http.Res tooLarge = http.get(path, b.clerk());
            PlatformIT.assertProblem(tooLarge, 422, "book-too-large");
            assertTrue(tooLarge.body(), tooLarge.body().contains("300 văn bản") && tooLarge.body().contains("theo tháng"));
            // a month of it fits
            assertEquals(200, http.get(bookPath(b.register(), "&format=xlsx&from=2026-03-01&to=2026-03-31"), b.clerk()).status());
        } finally {
            cfg.update(before);
        }
        assertTrue(Http.await(Duration.ofSeconds(20), () -> http.get(path, b.clerk()).status() == 200));
    }

    @Test(timeout = 120_000)
    public void pagesPastTenThousandRowsAreRefusedInEveryPagedList() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Book b = book(fx, 20);
        for (String list : List.of(API + "/documents?page=501&size=20", API + "/documents?q=" + "th%E1%BB%AD&page=51&size=200",
                API + "/documents?registerId=" + b.register() + "&sort=number&page=10001&size=1")) {
            Http.Res r = http.get(list, b.clerk());
            PlatformIT.assertProblem(r, 400, "page-too-deep");
            assertTrue(r.body(), r.body().contains("thu hẹp"));
        }
        assertEquals(200, http.get(API + "/documents?page=500&size=20", b.clerk()).status());
        String leader = fx.person("lanhdao", b.agency(), "leader").token();
        PlatformIT.assertProblem(http.get("/api/v1/account/agencies/" + b.agency() + "/users?page=51&size=200", leader), 400,
                "page-too-deep");
        assertEquals(200, http.get("/api/v1/account/agencies/" + b.agency() + "/users?page=50&size=200", leader).status());
    }

    /**
     * The heap while a 100,000-entry book is written, against a 1,000-entry one: the live heap (after a
     * collection) is sampled while the node writes. XLSX may not grow with the book; a PDF (PDFBox keeps
     * each page's objects until it saves) grows with it and is capped at 20,000 entries, measured at the cap.
     */
    @Test(timeout = 600_000)
    public void theHeapStaysFlatWhileAHundredThousandEntryBookIsWritten() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Book small = book(fx, 1_000);
        Book large = book(fx, 100_000);
        Path dir = Files.createTempDirectory("chidao-book-heap");
        long base = liveHeap();
        Path file = dir.resolve("large.xlsx");
        long smallXlsx = peakLiveHeapDuring(() -> download(small.clerk(), bookPath(small.register(), "&format=xlsx"),
                dir.resolve("small.xlsx")));
        long largeXlsx = peakLiveHeapDuring(() -> download(large.clerk(), bookPath(large.register(), "&format=xlsx"), file));
        assertEquals(100_003, xlsxRows(file));

        PlatformIT.assertProblem(http.get(bookPath(large.register(), ""), large.clerk()), 422, "book-too-large");
        String part = "&from=2026-01-01&to=2026-03-12";
        long partEntries = count("SELECT count(*) FROM registry.document WHERE register_id = '" + large.register()
                + "' AND arrival_date <= '2026-03-12'");
        assertTrue(partEntries > 15_000 && partEntries <= 20_000);
        long smallPdf = peakLiveHeapDuring(() -> download(small.clerk(), bookPath(small.register(), ""), dir.resolve("s.pdf")));
        Path pdf = dir.resolve("large.pdf");
        long largePdf = peakLiveHeapDuring(() -> download(large.clerk(), bookPath(large.register(), part), pdf));
        System.out.printf("book heap: base %d MiB; xlsx 1k %d MiB, 100k %d MiB (%d bytes); pdf 1k %d MiB, %dk %d MiB (%d bytes)%n",
                mib(base), mib(smallXlsx), mib(largeXlsx), Files.size(file), mib(smallPdf), partEntries / 1000, mib(largePdf),
                Files.size(pdf));
        // 100,000 documents held in a list, as before, took well over 100 MiB
        assertTrue("xlsx: " + mib(largeXlsx) + " MiB vs " + mib(smallXlsx), largeXlsx - smallXlsx < 32L << 20);
        assertTrue("pdf: " + mib(largePdf) + " MiB vs " + mib(smallPdf), largePdf - smallPdf < 32L << 20);
    }

    private interface Call {
        Http.Res run() throws Exception;
    }

    /** The largest live heap seen while the call runs (a full collection every 2 s), at least once. */
    private static long peakLiveHeapDuring(Call call) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<Http.Res> answer = one.submit(call::run);
            long peak = 0;
            do {
                peak = Math.max(peak, liveHeap());
                Thread.sleep(2000); // sampling period, not a timing assertion
            } while (!answer.isDone());
            assertEquals(answer.get().body(), 200, answer.get().status());
            return peak;
        } finally {
            one.shutdownNow();
        }
    }

    /**
     * The heap a full collection left: what the pools held right after it (their usage read later would
     * count what the writer allocated meanwhile, which is most of the noise).
     */
    private static long liveHeap() {
        System.gc();
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        return live;
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }

    private static Set<String> marks(String text) {
        Set<String> seen = new HashSet<>();
        Matcher m = MARK.matcher(text);
        while (m.find()) {
            assertTrue("printed twice: " + m.group(), seen.add(m.group()));
        }
        return seen;
    }

    private static String pdfText(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBufferedFile(pdf.toFile()))) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** Rows of the workbook's sheet, counted while it streams by (the sheet of a large book is large). */
    private static long xlsxRows(Path xlsx) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile()); InputStream sheet = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))) {
            return occurrences(sheet, "<row ".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static long occurrences(InputStream in, byte[] needle) throws IOException {
        long n = 0;
        int matched = 0;
        byte[] buf = new byte[1 << 16];
        for (int len; (len = in.read(buf)) > 0; ) {
            for (int i = 0; i < len; i++) {
                matched = buf[i] == needle[matched] ? matched + 1 : (buf[i] == needle[0] ? 1 : 0);
                if (matched == needle.length) {
                    n++;
                    matched = 0;
                }
            }
        }
        return n;
    }
}
