package vn.chidao.itests.karaf;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.Http;
import vn.chidao.itests.support.TestPdf;

/**
 * Registers, uploads and registrations made through the registry REST API, as the agencies' own clerks
 * would make them; document drafts with the Decree 30 metadata the registry asks for.
 */
final class RegistryFixture {

    static final String API = "/api/v1/registry";

    private final Http http;
    private final AccountFixture fx;

    RegistryFixture(ChidaoTestSupport test, AccountFixture fx) {
        this.http = test.http;
        this.fx = fx;
    }

    /** A new register of the clerk's agency: incoming or outgoing, numbered per year. */
    UUID register(String kind, String token) throws IOException {
        return id(fx.ok(201, http.postJson(API + "/registers", AccountFixture.body(Map.of("kind", kind,
                "name", "Sổ đăng ký văn bản " + ("incoming".equals(kind) ? "đến" : "đi"), "scope", "year")), token)));
    }

    /** Uploads a PDF with this (ASCII) text layer on behalf of the caller's agency; its sha256. */
    String upload(String text, String token) throws IOException {
        return fx.ok(201, http.upload(API + "/files?name=tai-lieu.pdf", TestPdf.withText(text), "application/pdf", token))
                .path("sha256").asText();
    }

    /** Registers the draft, which must be accepted (201). */
    JsonNode registration(Map<String, Object> draft, String token) throws IOException {
        return fx.ok(201, attempt(draft, token));
    }

    /** Sends the draft for registration, whatever the answer. */
    Http.Res attempt(Map<String, Object> draft, String token) throws IOException {
        return http.postJson(API + "/documents", AccountFixture.body(draft), token);
    }

    /** How many documents a search for the word finds for the caller (-1: no answer). */
    int found(String word, String token) throws IOException {
        return AccountFixture.json(http.get(API + "/documents?q=" + java.net.URLEncoder.encode(word,
                java.nio.charset.StandardCharsets.UTF_8), token)).path("total").asInt(-1);
    }

    static UUID id(JsonNode n) {
        return UUID.fromString(n.path("id").asText());
    }

    static Map<String, Object> incoming(UUID register, String subject, String number, String notation) {
        Map<String, Object> d = new HashMap<>();
        d.put("registerId", register);
        d.put("typeCode", "CV");
        d.put("subject", subject);
        d.put("organName", "Ủy ban nhân dân tỉnh Đắk Nông");
        d.put("originalNumber", number);
        d.put("originalNotation", notation);
        d.put("issuedDate", "2026-11-20");
        d.put("arrivalMethod", "post");
        return d;
    }

    static Map<String, Object> outgoing(UUID register, String type, String subject) {
        Map<String, Object> d = new HashMap<>();
        d.put("registerId", register);
        d.put("typeCode", type);
        d.put("subject", subject);
        d.put("signer", Map.of("position", "Bí thư", "fullName", "Nguyễn Văn A", "competence", "T/M"));
        d.put("toPlaces", List.of("Các huyện ủy, thành ủy", "Lưu Văn phòng"));
        return d;
    }

    /** The draft citing one file (the main one). */
    static Map<String, Object> citing(Map<String, Object> draft, String sha256) {
        draft.put("files", List.of(Map.of("sha256", sha256, "fileName", "Tài liệu.pdf")));
        return draft;
    }
}
