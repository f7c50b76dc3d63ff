package vn.chidao.itests.karaf;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static vn.chidao.itests.karaf.RegistryFixture.id;
import static vn.chidao.itests.karaf.RegistryFixture.incoming;
import static vn.chidao.itests.karaf.RegistryFixture.outgoing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.TestPdf;

/**
 * The registry end to end over REST: numbering per scope and period (year change in Asia/Ho_Chi_Minh,
 * term change), voided numbers never reused, classified content refused through every path,
 * duplicate warnings, upload safety, access log, corrections with history, search with and without
 * diacritics, and the printed register book.
 */
public class RegistryIT extends ChidaoTestSupport {

    private static final String API = "/api/v1/registry";

    /** An agency with a clerk, a leader and a specialist, and its two registers. */
    private record Office(UUID agency, AccountFixture.Person clerk, AccountFixture.Person leader,
                          AccountFixture.Person specialist, UUID incoming, UUID outgoing) {
    }

    private Office office(AccountFixture fx, String name) throws Exception {
        UUID agency = fx.agency(name, null, "province");
        AccountFixture.Person clerk = fx.person("vanthu", agency, "clerk");
        AccountFixture.Person leader = fx.person("lanhdao", agency, "leader");
        AccountFixture.Person specialist = fx.person("chuyenvien", agency, "specialist");
        UUID in = id(fx.ok(201, http.postJson(API + "/registers", AccountFixture.body(Map.of("kind", "incoming",
                "name", "Sổ đăng ký văn bản đến")), clerk.token())));
        UUID out = id(fx.ok(201, http.postJson(API + "/registers", AccountFixture.body(Map.of("kind", "outgoing",
                "name", "Sổ đăng ký văn bản đi", "scope", "type-term")), clerk.token())));
        fx.ok(201, http.postJson(API + "/registers/terms", AccountFixture.body(Map.of("name", "2020–2025",
                "startsOn", "2020-10-16", "endsOn", "2025-10-15")), clerk.token()));
        fx.ok(201, http.postJson(API + "/registers/terms", AccountFixture.body(Map.of("name", "2025–2030",
                "startsOn", "2025-10-16")), clerk.token()));
        return new Office(agency, clerk, leader, specialist, in, out);
    }

    private JsonNode register(AccountFixture fx, Map<String, Object> draft, String token) throws Exception {
        return fx.ok(201, http.postJson(API + "/documents", AccountFixture.body(draft), token));
    }

    @Test(timeout = 180_000)
    public void numbersRestartPerYearAndPerTypeAndTermAndAreNeverReused() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Office o = office(fx, "Văn phòng Thử nghiệm Số");
        String clerk = o.clerk().token();
        for (int i = 1; i <= 3; i++) {
            JsonNode d = register(fx, incoming(o.incoming(), "Về việc số " + i, Integer.toString(100 + i), i + "/UBND-VX"), clerk);
            assertEquals(i, d.path("number").asInt());
            assertEquals("2026", d.path("period").asText());
        }
        assertEquals("01-NQ/CQ", register(fx, outgoing(o.outgoing(), "NQ", "Nghị quyết về chuyển đổi số"), clerk)
                .path("notation").asText());
        assertEquals("02-NQ/CQ", register(fx, outgoing(o.outgoing(), "NQ", "Nghị quyết về cà phê bền vững"), clerk)
                .path("notation").asText());
        JsonNode cv = register(fx, outgoing(o.outgoing(), "CV", "Công văn về lịch họp"), clerk);
        assertEquals("01-CV/CQ", cv.path("notation").asText());
        assertEquals("2025–2030", cv.path("period").asText());

        // a voided entry keeps its number; the next one does not reuse it
        JsonNode voided = fx.ok(200, http.postJson(API + "/documents/" + cv.path("id").asText() + "/void",
                "{\"reason\":\"Đăng ký nhầm\"}", clerk));
        assertEquals("void", voided.path("status").asText());
        assertEquals("02-CV/CQ", register(fx, outgoing(o.outgoing(), "CV", "Công văn thay thế"), clerk).path("notation").asText());

        try {
            // 00:30 on 1 January 2027 in Hà Nội is still 31 December 2026 in UTC: the register follows Hà Nội
            clock("2026-12-31T17:30:00Z", 0);
            JsonNode jan = register(fx, incoming(o.incoming(), "Văn bản đầu năm", "1", "1/UBND-VX"), login(o.clerk().username(),
                    AccountFixture.PASSWORD, null));
            assertEquals(1, jan.path("number").asInt());
            assertEquals("2027", jan.path("period").asText());
            // a date in the previous term numbers in that term's sequence
            clock("2025-06-02T03:00:00Z", 0);
            JsonNode old = register(fx, outgoing(o.outgoing(), "NQ", "Nghị quyết nhiệm kỳ trước"), login(o.clerk().username(),
                    AccountFixture.PASSWORD, null));
            assertEquals("01-NQ/CQ", old.path("notation").asText());
            assertEquals("2020–2025", old.path("period").asText());
        } finally {
            clock(null, 0);
        }
        // leaders and specialists read but do not register
        PlatformIT.assertProblem(http.postJson(API + "/documents", AccountFixture.body(incoming(o.incoming(), "x", "9", "9/X")),
                o.leader().token()), 403, "forbidden");
        // another agency's clerk cannot even see the register
        Office other = office(fx, "Văn phòng Khác");
        PlatformIT.assertProblem(http.postJson(API + "/documents", AccountFixture.body(incoming(o.incoming(), "x", "9", "9/X")),
                other.clerk().token()), 404, "not-found");
        assertEquals(4, count("SELECT count(*) FROM registry.document WHERE register_id = '" + o.incoming() + "'"));
    }

    /** Regression: a registration once took a second pooled connection while holding the counter lock. */
    @Test(timeout = 120_000)
    public void manyConcurrentOutgoingRegistrationsDoNotStarveThePool() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Office o = office(fx, "Văn phòng Thử nghiệm Đồng thời");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                answers.add(pool.submit(() -> http.postJson(API + "/documents", AccountFixture.body(outgoing(o.outgoing(), "CV",
                        "Công văn đồng thời " + n)), o.clerk().token()).status()));
            }
            for (java.util.concurrent.Future<Integer> a : answers) {
                assertEquals(Integer.valueOf(201), a.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, count("SELECT count(DISTINCT number) FROM registry.document WHERE register_id = '" + o.outgoing() + "'"));
        assertEquals(40, count("SELECT max(number) FROM registry.document WHERE register_id = '" + o.outgoing() + "'"));
    }

    @Test(timeout = 120_000)
    public void classifiedContentIsRefusedThroughEveryPath() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Office o = office(fx, "Văn phòng Thử nghiệm Mật");
        String clerk = o.clerk().token();
        long before = count("SELECT count(*) FROM registry.document");
        Map<String, Object> secretIn = incoming(o.incoming(), "Nội dung mật", "5", "5-CV/TU");
        secretIn.put("secrecy", "mat");
        PlatformIT.assertProblem(http.postJson(API + "/documents", AccountFixture.body(secretIn), clerk), 422, "classified-refused");
        Map<String, Object> secretOut = outgoing(o.outgoing(), "NQ", "Nội dung mật");
        secretOut.put("secrecy", "tuyet-mat");
        PlatformIT.assertProblem(http.postJson(API + "/documents", AccountFixture.body(secretOut), clerk), 422, "classified-content");
        secretOut.remove("subject");
        secretOut.put("description", "ghi chú lộ nội dung");
        PlatformIT.assertProblem(http.postJson(API + "/documents", AccountFixture.body(secretOut), clerk), 422, "classified-content");
        secretOut.remove("description");
        String sha = fx.ok(201, http.upload(API + "/files?name=mat.pdf", TestPdf.withText("Noi dung mat"), "application/pdf", clerk))
                .path("sha256").asText();
        secretOut.put("files", List.of(Map.of("sha256", sha, "fileName", "mat.pdf")));
        PlatformIT.assertProblem(http.postJson(API + "/documents", AccountFixture.body(secretOut), clerk), 422, "classified-content");
        assertEquals("nothing stored by the refusals", before, count("SELECT count(*) FROM registry.document"));
        // the Party numbering stays gapless: a stub takes the number, with no subject and no file
        secretOut.remove("files");
        JsonNode stub = register(fx, secretOut, clerk);
        assertTrue(stub.path("stub").asBoolean());
        assertTrue(stub.path("subject").isNull());
        assertEquals("01-NQ/CQ", stub.path("notation").asText());
        PlatformIT.assertProblem(http.postJson(API + "/documents/" + stub.path("id").asText() + "/corrections",
                AccountFixture.body(Map.of("changes", Map.of("subject", "lộ ra"), "reason", "bổ sung")), clerk), 422,
                "classified-content");
        assertEquals("no secret entry anywhere holds content", 0, count("SELECT count(*) FROM registry.document d WHERE"
                + " secrecy <> 'none' AND (subject IS NOT NULL OR description IS NOT NULL OR body_text <> ''"
                + " OR EXISTS (SELECT 1 FROM registry.document_file f WHERE f.document_id = d.id))"));
    }

    @Test(timeout = 120_000)
    public void duplicatesWarnAndBackFilledEntriesAreMarked() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Office o = office(fx, "Văn phòng Thử nghiệm Trùng");
        String clerk = o.clerk().token();
        JsonNode first = register(fx, incoming(o.incoming(), "Về kế hoạch năm 2027", "15", "15/KH-UBND"), clerk);
        Http.Res dup = http.postJson(API + "/documents", AccountFixture.body(incoming(o.incoming(), "Về kế hoạch năm 2027",
                "15", "15/kh-ubnd")), clerk);
        PlatformIT.assertProblem(dup, 409, "duplicate-document");
        assertEquals(first.path("id").asText(), AccountFixture.json(dup).path("duplicates").get(0).path("id").asText());
        Map<String, Object> confirmed = incoming(o.incoming(), "Về kế hoạch năm 2027 (bản gửi lại)", "15", "15/KH-UBND");
        confirmed.put("confirmDuplicate", true);
        assertEquals(2, register(fx, confirmed, clerk).path("number").asInt());
        Map<String, Object> viaEdxml = incoming(o.incoming(), "Liên thông", "16", "16/UBND");
        viaEdxml.put("edxmlDocumentId", "000.00.00.H22,2026/11/20,16/UBND");
        register(fx, viaEdxml, clerk);
        Map<String, Object> again = incoming(o.incoming(), "Liên thông lại", "17", "17/UBND");
        again.put("edxmlDocumentId", "000.00.00.H22,2026/11/20,16/UBND");
        PlatformIT.assertProblem(http.postJson(API + "/documents", AccountFixture.body(again), clerk), 409, "duplicate-document");

        Map<String, Object> paper = incoming(o.incoming(), "Văn bản nhận trên giấy khi hệ thống ngừng", "20", "20/UBND");
        paper.put("backfilled", true);
        paper.put("arrivalDate", "2026-11-02");
        PlatformIT.assertProblem(http.postJson(API + "/documents", AccountFixture.body(paper), clerk), 400, "invalid-field");
        paper.put("incidentRef", "Sự cố mất điện 02/11/2026");
        JsonNode back = register(fx, paper, clerk);
        assertTrue(back.path("backfilled").asBoolean());
        assertEquals("2026-11-02", back.path("arrivalDate").asText());
    }

    @Test(timeout = 120_000)
    public void uploadsAreCheckedAndNothingOfARefusalIsKept() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Office o = office(fx, "Văn phòng Thử nghiệm Tệp");
        String clerk = o.clerk().token();
        long contents = count("SELECT count(*) FROM platform.content");
        PlatformIT.assertProblem(http.upload(API + "/files?name=a.pdf", "MZ this is not a pdf".getBytes(StandardCharsets.UTF_8),
                "application/pdf", clerk), 415, "file-type-mismatch");
        PlatformIT.assertProblem(http.upload(API + "/files?name=b.pdf", "%PDF-1.4\nbroken".getBytes(StandardCharsets.UTF_8),
                "application/pdf", clerk), 400, "broken-pdf");
        PlatformIT.assertProblem(http.upload(API + "/files?name=..%2F..%2Fetc%2Fpasswd", TestPdf.withText("x"), "application/pdf",
                clerk), 400, "bad-file-name");
        PlatformIT.assertProblem(http.upload(API + "/files?name=c.exe", new byte[] {'M', 'Z', 0, 0}, "application/x-msdownload",
                clerk), 415, "unsupported-file-type");
        byte[] big = new byte[3 * 1024 * 1024];
        System.arraycopy(TestPdf.withText("big"), 0, big, 0, 100);
        PlatformIT.assertProblem(http.upload(API + "/files?name=big.pdf", big, "application/pdf", clerk), 413, "file-too-large");
        assertEquals("refused uploads keep nothing", contents, count("SELECT count(*) FROM platform.content"));
        PlatformIT.assertProblem(http.upload(API + "/files?name=d.pdf", TestPdf.withText("x"), "application/pdf",
                o.leader().token()), 403, "forbidden");

        byte[] pdf = TestPdf.withText("Tai lieu dinh kem ve giong ca phe Robusta");
        JsonNode stored = fx.ok(201, http.upload(API + "/files?name=ke-hoach.pdf", pdf, "application/pdf", clerk));
        assertEquals(1, stored.path("pages").asInt());
        Map<String, Object> d = outgoing(o.outgoing(), "KH", "Kế hoạch triển khai phần mềm chỉ đạo điều hành");
        d.put("files", List.of(Map.of("sha256", stored.path("sha256").asText(), "fileName", "Kế hoạch.pdf")));
        JsonNode doc = register(fx, d, clerk);
        String id = doc.path("id").asText();
        assertArrayEquals(pdf, http.bytes(API + "/documents/" + id + "/files/" + stored.path("sha256").asText(),
                o.specialist().token()));
        fx.ok(200, http.get(API + "/documents/" + id, o.leader().token()));
        JsonNode access = fx.ok(200, http.get(API + "/documents/" + id + "/access", o.leader().token()));
        List<String> actions = StreamSupport.stream(access.spliterator(), false)
                .map(n -> n.path("username").asText() + ":" + n.path("action").asText()).toList();
        assertTrue(actions.toString(), actions.contains(o.specialist().username() + ":download")
                && actions.contains(o.leader().username() + ":view"));
        PlatformIT.assertProblem(http.get(API + "/documents/" + id + "/access", clerk), 403, "forbidden");
        // the text layer is searchable
        JsonNode found = fx.ok(200, http.get(API + "/documents?q=robusta", clerk));
        assertTrue(found.toString(), found.path("total").asInt() >= 1);
    }

    @Test(timeout = 120_000)
    public void searchIgnoresDiacriticsAndStaysInTheAgency() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Office o = office(fx, "Văn phòng Thử nghiệm Tìm");
        Office other = office(fx, "Văn phòng Thử nghiệm Tìm Khác");
        register(fx, outgoing(o.outgoing(), "NQ", "Nghị quyết về phát triển cây mắc-ca bền vững"), o.clerk().token());
        register(fx, outgoing(other.outgoing(), "NQ", "Nghị quyết về phát triển cây mắc-ca bền vững"), other.clerk().token());
        for (String q : List.of("nghị quyết mắc-ca", "nghi quyet mac-ca", "NGHI QUYET BEN VUNG")) {
            JsonNode r = fx.ok(200, http.get(API + "/documents?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8),
                    o.specialist().token()));
            assertEquals(q, 1, r.path("total").asInt());
            assertEquals(o.agency().toString(), r.path("items").get(0).path("agencyId").asText());
        }
        assertEquals(1, fx.ok(200, http.get(API + "/documents?type=NQ&priority=0&from=2026-01-01", o.clerk().token()))
                .path("total").asInt());
        assertEquals(0, fx.ok(200, http.get(API + "/documents?type=CV", o.clerk().token())).path("total").asInt());
        PlatformIT.assertProblem(http.get(API + "/documents?from=01/01/2026", o.clerk().token()), 400, "invalid-field");
        PlatformIT.assertProblem(http.get(API + "/documents?size=abc", o.clerk().token()), 400, "invalid-field");
    }

    @Test(timeout = 120_000)
    public void correctionsKeepBeforeAndAfterAndTheBookPrints() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        Office o = office(fx, "Văn phòng Thử nghiệm Sửa");
        String clerk = o.clerk().token();
        JsonNode doc = register(fx, incoming(o.incoming(), "Về việc tổ chức hội nghi", "30", "30/UBND"), clerk);
        String id = doc.path("id").asText();
        fx.ok(200, http.postJson(API + "/documents/" + id + "/corrections", AccountFixture.body(Map.of("changes",
                Map.of("subject", "Về việc tổ chức hội nghị"), "reason", "Sửa lỗi chính tả")), clerk));
        PlatformIT.assertProblem(http.postJson(API + "/documents/" + id + "/corrections", AccountFixture.body(Map.of("changes",
                Map.of("number", 7), "reason", "đổi số")), clerk), 400, "invalid-field");
        JsonNode history = fx.ok(200, http.get(API + "/documents/" + id + "/history", o.leader().token()));
        JsonNode correction = StreamSupport.stream(history.spliterator(), false)
                .filter(n -> n.path("action").asText().equals("registry.document-corrected")).findFirst().orElseThrow();
        assertEquals("Về việc tổ chức hội nghi", correction.path("details").path("before").path("subject").asText());
        assertEquals("Về việc tổ chức hội nghị", correction.path("details").path("after").path("subject").asText());
        // a field left empty at registration can be filled in (once a 500: the empty value broke the before/after)
        assertEquals("Bổ sung ghi chú", fx.ok(200, http.postJson(API + "/documents/" + id + "/corrections",
                AccountFixture.body(Map.of("changes", Map.of("description", "Bổ sung ghi chú"), "reason", "Bổ sung")), clerk))
                .path("description").asText());

        Http.Res pdf = http.send("GET", API + "/registers/" + o.incoming() + "/book?period=2026", null,
                Map.of("Authorization", "Bearer " + clerk));
        assertEquals(pdf.body(), 200, pdf.status());
        assertTrue(pdf.contentType().startsWith("application/pdf"));
        byte[] book = http.bytes(API + "/registers/" + o.incoming() + "/book?period=2026", clerk);
        assertEquals("%PDF", new String(book, 0, 4, StandardCharsets.ISO_8859_1));
        byte[] xlsx = http.bytes(API + "/registers/" + o.incoming() + "/book?period=2026&format=xlsx", clerk);
        assertEquals("PK", new String(xlsx, 0, 2, StandardCharsets.ISO_8859_1));
        PlatformIT.assertProblem(http.get(API + "/registers/" + o.incoming() + "/book?period=2026&format=doc", clerk), 400,
                "invalid-field");

        // the document-type list is reference data the system administrator edits
        PlatformIT.assertProblem(http.postJson(API + "/registers/types", "{\"code\":\"ĐCg\",\"name\":\"Đề cương\"}", clerk),
                403, "forbidden");
        PlatformIT.assertProblem(http.postJson(API + "/registers/types", "{\"code\":\"Đ C/\",\"name\":\"Sai\"}", fx.admin()),
                400, "invalid-field");
        fx.ok(200, http.postJson(API + "/registers/types", "{\"code\":\"ĐCg\",\"name\":\"Đề cương\"}", fx.admin()));
        assertTrue(http.get(API + "/registers/types", clerk).body().contains("Đề cương"));
        Map<String, Object> d = incoming(o.incoming(), "Đề cương tuyên truyền", "31", "31/BTG");
        d.put("typeCode", "ĐCg");
        assertEquals("ĐCg", register(fx, d, clerk).path("typeCode").asText());
        fx.ok(200, http.postJson(API + "/registers/types", "{\"code\":\"ĐCg\",\"name\":\"Đề cương\",\"active\":false}",
                fx.admin()));
        PlatformIT.assertProblem(http.postJson(API + "/documents", AccountFixture.body(d), clerk), 400, "invalid-field");
    }
}
