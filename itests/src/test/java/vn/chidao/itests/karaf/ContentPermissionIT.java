package vn.chidao.itests.karaf;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static vn.chidao.itests.karaf.RegistryFixture.API;
import static vn.chidao.itests.karaf.RegistryFixture.citing;
import static vn.chidao.itests.karaf.RegistryFixture.id;
import static vn.chidao.itests.karaf.RegistryFixture.outgoing;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.TestPdf;

/**
 * Content by permission, not by hash (issue 13, item 3): a registration cites only a file its caller's
 * acting agency uploaded, or one attached to a document the caller can see. Another agency's file is
 * refused exactly like a hash nobody stored: same status, problem and text, nothing registered, no
 * number taken, nothing of it downloadable or searchable. Uploads are recorded for the acting agency.
 */
public class ContentPermissionIT extends ChidaoTestSupport {

    /** Tỉnh ủy and one Huyện ủy under it, with the people the tests act as and an outgoing register each. */
    private record Tree(UUID province, UUID district, AccountFixture.Person provinceClerk, AccountFixture.Person districtClerk,
                        AccountFixture.Person provinceLeader, AccountFixture.Person provinceLeaderClerk, UUID provinceRegister,
                        UUID districtRegister) {
    }

    private Tree tree(AccountFixture fx, RegistryFixture reg, String name) throws IOException {
        UUID province = fx.agency("Tỉnh ủy " + name, null, "province");
        UUID district = fx.agency("Huyện ủy " + name, province, "district");
        AccountFixture.Person provinceClerk = fx.person("vanthu.tu", province, "clerk");
        AccountFixture.Person districtClerk = fx.person("vanthu.hu", district, "clerk");
        AccountFixture.Person leader = fx.person("lanhdao.tu", province, "leader");
        AccountFixture.Person leaderClerk = fx.person("lanhdaovanthu.tu", province, "leader", "clerk");
        return new Tree(province, district, provinceClerk, districtClerk, leader, leaderClerk,
                reg.register("outgoing", provinceClerk.token()), reg.register("outgoing", districtClerk.token()));
    }

    /** A word for a file's text layer that nothing else in the suite holds. */
    private static String word() {
        return "bimat" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).replaceAll("\\d", "x");
    }

    private static String randomSha() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            sb.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return sb.toString();
    }

    @Test(timeout = 180_000)
    public void anotherAgencysFileIsRefusedLikeAnUnknownHashAndNothingOfItLeaks() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        RegistryFixture reg = new RegistryFixture(this, fx);
        Tree t = tree(fx, reg, "Thử nghiệm Tệp");
        String word = word();
        byte[] pdf = TestPdf.withText("Bao cao nhan su " + word);

        // Tỉnh ủy's clerk uploads (on behalf of Tỉnh ủy) and registers the PDF
        JsonNode uploaded = fx.ok(201, http.upload(API + "/files?name=bao-cao.pdf", pdf, "application/pdf",
                t.provinceClerk().token()));
        String sha = uploaded.path("sha256").asText();
        UUID provinceDoc = id(reg.registration(citing(outgoing(t.provinceRegister(), "BC", "Báo cáo nhân sự"), sha),
                t.provinceClerk().token()));
        assertEquals(1, reg.found(word, t.provinceClerk().token()));

        // Cư Jút's clerk cites its sha256: refused exactly like a hash nobody stored
        String clerk = t.districtClerk().token();
        Http.Res foreign = reg.attempt(citing(outgoing(t.districtRegister(), "BC", "Báo cáo mượn tệp"), sha), clerk);
        Http.Res unknown = reg.attempt(citing(outgoing(t.districtRegister(), "BC", "Báo cáo mượn tệp"), randomSha()), clerk);
        PlatformIT.assertProblem(foreign, 400, "invalid-field");
        assertEquals(unknown.status(), foreign.status());
        assertEquals(unknown.contentType(), foreign.contentType());
        assertTrue(foreign.body() + " vs " + unknown.body(), AuthorizationMatrix.sameJson(foreign.body(), unknown.body()));
        assertFalse(foreign.body(), foreign.body().contains(sha));
        // also with the hash in upper case, and in a Vietnamese answer
        Http.Res upper = reg.attempt(citing(outgoing(t.districtRegister(), "BC", "Báo cáo mượn tệp"), sha.toUpperCase()), clerk);
        assertTrue(upper.body(), AuthorizationMatrix.sameJson(foreign.body(), upper.body()));
        Http.Res vi = http.send("POST", API + "/documents", AccountFixture.body(citing(outgoing(t.districtRegister(), "BC",
                "Báo cáo mượn tệp"), sha)), Map.of("Content-Type", "application/json", "Accept-Language", "vi",
                "Authorization", "Bearer " + clerk));
        Http.Res viUnknown = http.send("POST", API + "/documents", AccountFixture.body(citing(outgoing(t.districtRegister(), "BC",
                "Báo cáo mượn tệp"), randomSha())), Map.of("Content-Type", "application/json", "Accept-Language", "vi",
                "Authorization", "Bearer " + clerk));
        assertTrue(vi.body() + " vs " + viUnknown.body(), AuthorizationMatrix.sameJson(vi.body(), viUnknown.body()));

        // nothing stored, no number taken: the district's next entry is its number 1
        assertEquals(0, count("SELECT count(*) FROM registry.document WHERE agency_id = '" + t.district() + "'"));
        assertEquals(0, count("SELECT count(*) FROM registry.counter WHERE register_id = '" + t.districtRegister() + "'"));
        JsonNode first = reg.registration(outgoing(t.districtRegister(), "BC", "Báo cáo không kèm tệp"), clerk);
        assertEquals(1, first.path("number").asInt());
        // not downloadable: not through Tỉnh ủy's document, nor through its own one
        PlatformIT.assertProblem(http.get(API + "/documents/" + provinceDoc + "/files/" + sha, clerk), 404, "not-found");
        Http.Res viaOwn = http.get(API + "/documents/" + id(first) + "/files/" + sha, clerk);
        PlatformIT.assertProblem(viaOwn, 404, "not-found");
        assertTrue(AuthorizationMatrix.sameJson(viaOwn.body(),
                http.get(API + "/documents/" + id(first) + "/files/" + randomSha(), clerk).body()));
        // not searchable by Cư Jút
        assertEquals(0, reg.found(word, clerk));
        assertEquals(0, count("SELECT count(*) FROM registry.document WHERE agency_id = '" + t.district() + "'"
                + " AND body_text LIKE '%" + word + "%'"));

        // with the bytes in hand Cư Jút uploads them itself, and then may cite them; the answer does not tell
        // that (or when) Tỉnh ủy stored them first, and each upload is recorded for the uploader's agency
        JsonNode own = fx.ok(201, http.upload(API + "/files?name=bao-cao.pdf", pdf, "application/pdf", clerk));
        assertEquals(sha, own.path("sha256").asText());
        assertFalse("an upload does not tell when the bytes were first stored: " + own, own.has("storedAt"));
        assertEquals(uploaded, own);
        for (UUID agency : new UUID[] {t.province(), t.district()}) {
            assertEquals(1, count("SELECT count(*) FROM platform.content_holder WHERE sha256 = '" + sha + "'"
                    + " AND agency_id = '" + agency + "'"));
        }
        JsonNode second = reg.registration(citing(outgoing(t.districtRegister(), "BC", "Báo cáo nhận được"), sha), clerk);
        assertEquals("numbers stay gapless", 2, second.path("number").asInt());
        assertArrayEquals(pdf, http.bytes(API + "/documents/" + id(second) + "/files/" + sha, clerk));
        assertEquals(1, reg.found(word, clerk));
    }

    @Test(timeout = 180_000)
    public void aLeaderSeesTheSubtreesFilesButCitesOnlyWhatTheAgencyHoldsOrCanSee() throws Exception {
        AccountFixture fx = new AccountFixture(this);
        RegistryFixture reg = new RegistryFixture(this, fx);
        Tree t = tree(fx, reg, "Thử nghiệm Cây");
        String district = t.districtClerk().token();
        String registeredWord = word();
        String draftWord = word();
        String registered = reg.upload("Bao cao cua huyen " + registeredWord, district);
        String draftOnly = reg.upload("Du thao chua dang ky " + draftWord, district);
        UUID districtDoc = id(reg.registration(citing(outgoing(t.districtRegister(), "BC", "Báo cáo của huyện"), registered),
                district));

        // Tỉnh ủy's leader sees the district's document and its file (subtree), but registers nothing
        String leader = t.provinceLeader().token();
        fx.ok(200, http.get(API + "/documents/" + districtDoc, leader));
        assertEquals(200, http.get(API + "/documents/" + districtDoc + "/files/" + registered, leader).status());
        PlatformIT.assertProblem(reg.attempt(citing(outgoing(t.provinceRegister(), "BC", "Trích báo cáo"), registered), leader),
                403, "forbidden");

        // a leader who is also Tỉnh ủy's clerk may cite the file of a document they see (they could download it) ...
        String leaderClerk = t.provinceLeaderClerk().token();
        JsonNode cited = reg.registration(citing(outgoing(t.provinceRegister(), "BC", "Tổng hợp báo cáo huyện"), registered),
                leaderClerk);
        assertEquals(registered, cited.path("files").get(0).path("sha256").asText());
        // ... but not a file the district uploaded and never registered: that is refused like an unknown hash
        Http.Res unregistered = reg.attempt(citing(outgoing(t.provinceRegister(), "BC", "Dự thảo của huyện"), draftOnly),
                leaderClerk);
        Http.Res unknown = reg.attempt(citing(outgoing(t.provinceRegister(), "BC", "Dự thảo của huyện"), randomSha()),
                leaderClerk);
        PlatformIT.assertProblem(unregistered, 400, "invalid-field");
        assertTrue(unregistered.body() + " vs " + unknown.body(), AuthorizationMatrix.sameJson(unregistered.body(), unknown.body()));
        assertEquals(0, reg.found(draftWord, leaderClerk));
        assertEquals("Tỉnh ủy's register took one number only", 1, count("SELECT max(number) FROM registry.document"
                + " WHERE register_id = '" + t.provinceRegister() + "'"));
        // the district sees nothing of Tỉnh ủy's entry
        PlatformIT.assertProblem(http.get(API + "/documents/" + id(cited), district), 404, "not-found");
    }
}
