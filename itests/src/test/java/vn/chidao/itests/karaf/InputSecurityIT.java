package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.TestPdf;

/**
 * Bounded input as a hostile logged-in user would try it (issue 13): 700 MB bodies in several forms,
 * secrets in the idempotency table, CXF's query overrides, nosniff on downloads, a compression bomb.
 * The test code runs inside the container, so the heap measured here is the node's heap.
 */
public class InputSecurityIT extends ChidaoTestSupport {

    private static final long HUGE = 700L * 1024 * 1024;
    private static final long MIB = 1024 * 1024;

    @Inject
    @Filter("(osgi.jndi.service.name=chidao)")
    DataSource dataSource;

    private String demo(String username) throws IOException {
        return login(username, demoPassword(), null);
    }

    @Test(timeout = 300_000)
    public void sevenHundredMegabytesAreRefusedWithoutFillingTheHeap() throws Exception {
        String specialist = demo("chuyenvien.vptu");
        long before = usedHeapAfterGc();
        record Attempt(String contentType, boolean chunked, boolean idempotencyKey) {
        }
        List<Attempt> attempts = List.of(
                new Attempt("application/octet-stream", true, true),
                new Attempt("application/octet-stream", false, true),
                new Attempt("application/json", true, false),
                new Attempt("text/plain", false, false),
                new Attempt("multipart/form-data; boundary=x", true, true),
                new Attempt(null, true, false));
        for (Attempt a : attempts) {
            Map<String, String> headers = new HashMap<>();
            headers.put("Authorization", "Bearer " + specialist);
            if (a.contentType() != null) {
                headers.put("Content-Type", a.contentType());
            }
            if (a.idempotencyKey()) {
                headers.put("Idempotency-Key", UUID.randomUUID().toString());
            }
            RawAnswer r = RawAnswer.post("/api/v1/account/me/totp", headers, HUGE, a.chunked());
            assertEquals(a + ": " + r.head, 413, r.status());
            assertTrue(a + ": " + r.head, r.head.toLowerCase().contains("content-type: application/problem+json"));
            assertTrue(a + ": " + r.body, r.body.contains("urn:chidao:problem:payload-too-large"));
            assertTrue(a + ": the server stopped the upload, sent " + r.sent, r.sent < HUGE);
        }
        // the upload route keeps its own, larger bound (2 MiB in the suite), refused by the content store
        RawAnswer upload = RawAnswer.post("/api/v1/registry/files?name=lon.pdf", Map.of("Authorization", "Bearer " + specialist,
                "Content-Type", "application/pdf", "Idempotency-Key", UUID.randomUUID().toString()), HUGE, true);
        assertEquals(upload.head, 413, upload.status());
        assertTrue(upload.body, upload.body.contains("urn:chidao:problem:file-too-large"));
        assertNodeHealthyWithFlatHeap(before);
    }

    @Test(timeout = 120_000)
    public void idempotencyKeepsNoOneTimePasswordNorTotpSecret() throws Exception {
        String specialist = demo("chuyenvien.vptu");
        String key = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + specialist,
                "Idempotency-Key", key);
        Http.Res totp = http.send("POST", "/api/v1/account/me/totp", "{}", headers);
        assertEquals(totp.body(), 200, totp.status());
        String secret = Http.field(totp.body(), "secret");
        assertNotNull(totp.body(), secret);
        assertNoIdempotencyRowHolds(secret);
        assertNoIdempotencyRowHolds("otpauth://");
        Http.Res replay = http.send("POST", "/api/v1/account/me/totp", "{}", headers);
        assertEquals(200, replay.status());
        assertEquals("true", replay.header("Idempotency-Replayed"));
        assertEquals("redacted", replay.header("Idempotency-Answer"));
        assertFalse(replay.body(), replay.body().contains(secret));
        assertTrue(replay.body(), replay.body().contains("\"secret\":null"));

        AccountFixture fx = new AccountFixture(this);
        UUID agency = fx.agency("Văn phòng Thử nghiệm Khóa", null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", agency, "clerk");
        Http.Res reset = http.send("POST", "/api/v1/account/users/" + clerk.id() + "/reset-password", null, Map.of(
                "Authorization", "Bearer " + fx.admin(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(reset.body(), 200, reset.status());
        String otp = Http.field(reset.body(), "oneTimePassword");
        assertNotNull(reset.body(), otp);
        assertNoIdempotencyRowHolds(otp);
    }

    @Test(timeout = 60_000)
    public void queryParametersDoNotOverrideContentTypeAcceptOrMethod() throws Exception {
        String credentials = "{\"username\":\"chuyenvien.vptu\",\"password\":\"" + demoPassword() + "\"}";
        for (String ctype : List.of("application/json", "json")) {
            Http.Res csrf = http.send("POST", "/api/v1/session?_ctype=" + ctype, credentials, Map.of("Content-Type", "text/plain"));
            PlatformIT.assertProblem(csrf, 415, "unsupported-media-type");
            assertEquals(csrf.body(), null, Http.field(csrf.body(), "token"));
        }
        // _type would turn the Accept header into text/html (406): it is ignored
        Http.Res health = http.send("GET", "/api/v1/health?_type=html", null, Map.of("Accept", "application/json"));
        assertEquals(health.body(), 200, health.status());
        String token = demo("chuyenvien.vptu");
        Map<String, String> asJson = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        assertEquals(400, http.send("POST", "/api/v1/session?_method=DELETE", "{}", asJson).status());
        Map<String, String> withOverride = new HashMap<>(asJson);
        withOverride.put("X-HTTP-Method-Override", "DELETE");
        assertEquals(400, http.send("POST", "/api/v1/session", "{}", withOverride).status());
        assertEquals("the session was not ended by an override", 200, http.get("/api/v1/session", token).status());
    }

    @Test(timeout = 120_000)
    public void everyAnswerAndEveryDownloadSaysNosniff() throws Exception {
        assertEquals("nosniff", http.get("/api/v1/health", null).header("X-Content-Type-Options"));
        assertEquals("nosniff", http.get("/api/v1/no-such-thing", null).header("X-Content-Type-Options"));
        String clerk = demo("vanthu.vptu");
        byte[] pdf = TestPdf.withText("Tai lieu nosniff " + UUID.randomUUID());
        String sha = AccountFixture.json(http.upload("/api/v1/registry/files?name=nosniff.pdf", pdf, "application/pdf", clerk))
                .path("sha256").asText();
        JsonNode registers = AccountFixture.json(http.get("/api/v1/registry/registers", clerk));
        String incoming = null;
        for (JsonNode r : registers) {
            if ("incoming".equals(r.path("kind").asText())) {
                incoming = r.path("id").asText();
            }
        }
        assertNotNull(registers.toString(), incoming);
        Map<String, Object> draft = new HashMap<>();
        draft.put("registerId", incoming);
        draft.put("typeCode", "CV");
        draft.put("subject", "Công văn kiểm tra tải xuống an toàn");
        draft.put("organName", "Văn phòng Tỉnh ủy");
        draft.put("originalNumber", "7");
        draft.put("originalNotation", "CV/VPTU");
        draft.put("issuedDate", "2026-11-20");
        draft.put("arrivalMethod", "post");
        draft.put("files", List.of(Map.of("sha256", sha, "fileName", "nosniff.pdf")));
        Http.Res doc = http.postJson("/api/v1/registry/documents", AccountFixture.body(draft), clerk);
        assertEquals(doc.body(), 201, doc.status());
        Http.Res download = http.get("/api/v1/registry/documents/" + Http.field(doc.body(), "id") + "/files/" + sha, clerk);
        assertEquals(download.body(), 200, download.status());
        assertEquals("nosniff", download.header("X-Content-Type-Options"));
    }

    @Test(timeout = 180_000)
    public void aCompressionBombIsRefusedAndTheNodeStaysHealthy() throws Exception {
        String clerk = demo("vanthu.vptu");
        byte[] bomb = flateBomb(512 * MIB);
        assertTrue("fits the suite's 2 MiB upload limit: " + bomb.length, bomb.length < 2 * MIB);
        long before = usedHeapAfterGc();
        Http.Res r = http.upload("/api/v1/registry/files?name=bom.pdf", bomb, "application/pdf", clerk);
        PlatformIT.assertProblem(r, 422, "file-too-complex");
        assertEquals("nothing kept", 0, rows("SELECT count(*) FROM platform.content WHERE size = " + bomb.length));
        assertNodeHealthyWithFlatHeap(before);
        // an ordinary PDF still goes in
        assertEquals(201, http.upload("/api/v1/registry/files?name=thuong.pdf", TestPdf.withText("Binh thuong " + UUID.randomUUID()),
                "application/pdf", clerk).status());
    }

    @Test(timeout = 60_000)
    public void imagesAreDecodedNotOnlyRecognised() throws Exception {
        String clerk = demo("vanthu.vptu");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xC8102E);
        img.setRGB(5, 6, (int) (System.nanoTime() & 0xFFFFFF));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        assertTrue(javax.imageio.ImageIO.write(img, "png", png));
        Http.Res ok = http.upload("/api/v1/registry/files?name=anh.png", png.toByteArray(), "image/png", clerk);
        assertEquals(ok.body(), 201, ok.status());
        byte[] fake = java.util.Arrays.copyOf(png.toByteArray(), 4096);
        byte[] noise = new byte[fake.length - 16];
        new java.util.Random(7).nextBytes(noise);
        // the PNG signature and the start of a valid header, then noise
        System.arraycopy(noise, 0, fake, 16, noise.length);
        PlatformIT.assertProblem(http.upload("/api/v1/registry/files?name=gia.png", fake, "image/png", clerk), 415, "file-type-mismatch");
    }

    private void assertNodeHealthyWithFlatHeap(long before) {
        long after = usedHeapAfterGc();
        assertTrue("used heap after GC grew from " + before / MIB + " MiB to " + after / MIB + " MiB",
                after - before < 128 * MIB);
        Http.Res health = http.get("/api/v1/health", null);
        assertEquals(health.body(), 200, health.status());
        assertTrue(health.body(), health.body().contains("\"status\":\"UP\""));
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private void assertNoIdempotencyRowHolds(String secret) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM platform.idempotency WHERE"
                     + " position(convert_to(?, 'UTF8') in coalesce(body, ''::bytea)) > 0"
                     + " OR position(? in concat_ws(' ', principal, key, request_hash, content_type)) > 0")) {
            ps.setString(1, secret);
            ps.setString(2, secret);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals("idempotency rows holding a secret", 0, rs.getInt(1));
            }
        }
    }

    private long rows(String query) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A one-page PDF whose content stream is {@code decoded} zero bytes, deflated; written by hand, exact xref. */
    private static byte[] flateBomb(long decoded) throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        for (long fed = 0; fed < decoded; fed += zeros.length) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                deflated.write(buf, 0, deflater.deflate(buf));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            deflated.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        byte[] stream = deflated.toByteArray();
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        pdf.write("%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1));
        String[] objects = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"};
        for (int i = 0; i < objects.length; i++) {
            offsets.add(pdf.size());
            pdf.write(((i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        offsets.add(pdf.size());
        pdf.write(("4 0 obj\n<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        pdf.write(stream);
        pdf.write("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        int xref = pdf.size();
        StringBuilder tail = new StringBuilder("xref\n0 5\n0000000000 65535 f \n");
        offsets.forEach(o -> tail.append(String.format("%010d 00000 n \n", o)));
        tail.append("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        pdf.write(tail.toString().getBytes(StandardCharsets.ISO_8859_1));
        return pdf.toByteArray();
    }

    /**
     * A POST over a plain socket whose body is generated on the fly (never held in memory): a writer
     * thread streams it while this thread reads the answer, which the server may send before the body
     * ends; the socket is closed once the answer is in, which stops the writer.
     */
    private record RawAnswer(int status, String head, String body, long sent) {

        static RawAnswer post(String path, Map<String, String> headers, long length, boolean chunked) throws Exception {
            try (Socket socket = new Socket("127.0.0.1", HTTP)) {
                socket.setSoTimeout(60_000);
                StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + HTTP + "\r\n");
                headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n").append("\r\n");
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                AtomicLong sent = new AtomicLong();
                Thread writer = new Thread(() -> writeBody(out, length, chunked, sent), "huge-body-writer");
                writer.setDaemon(true);
                writer.start();
                byte[] answer = readAnswer(socket.getInputStream());
                socket.close();
                writer.join(30_000);
                String text = new String(answer, StandardCharsets.UTF_8);
                int split = text.indexOf("\r\n\r\n");
                String h = split < 0 ? text : text.substring(0, split);
                String b = split < 0 ? "" : text.substring(split + 4);
                int status = h.startsWith("HTTP/1.1 ") ? Integer.parseInt(h.substring(9, 12)) : -1;
                return new RawAnswer(status, h, b, sent.get());
            }
        }

        private static void writeBody(OutputStream out, long length, boolean chunked, AtomicLong sent) {
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) '{');
            try {
                while (sent.get() < length) {
                    int n = (int) Math.min(block.length, length - sent.get());
                    if (chunked) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(block, 0, n);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    sent.addAndGet(n);
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closed) {
                // the server answered and closed, or this test closed the socket: the body ends here
            }
        }

        /** The status line, headers and a body of Content-Length bytes (or up to the end of the connection). */
        private static byte[] readAnswer(InputStream in) throws IOException {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int bodyStart = -1;
            long contentLength = -1;
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                    String text = got.toString(StandardCharsets.ISO_8859_1);
                    if (bodyStart < 0 && text.contains("\r\n\r\n")) {
                        bodyStart = text.indexOf("\r\n\r\n") + 4;
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                                .matcher(text.substring(0, bodyStart));
                        contentLength = m.find() ? Long.parseLong(m.group(1)) : -1;
                    }
                    if (bodyStart >= 0 && contentLength >= 0 && got.size() - bodyStart >= contentLength) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                if (got.size() == 0) {
                    throw e;
                }
            }
            return got.toByteArray();
        }
    }
}
