package vn.chidao.platform.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;

import vn.chidao.platform.api.rest.Problem;
import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.internal.Json;

/** Builds RFC 9457 answers, in Vietnamese unless the client prefers English. */
public final class Problems {

    private Problems() {
    }

    public static boolean english(List<Locale> accept) {
        for (Locale l : accept) {
            String lang = l.getLanguage();
            if ("vi".equals(lang)) {
                return false;
            }
            if ("en".equals(lang)) {
                return true;
            }
        }
        return false;
    }

    public static boolean english(HttpHeaders headers) {
        try {
            return headers != null && english(headers.getAcceptableLanguages());
        } catch (RuntimeException malformedHeader) {
            return false;
        }
    }

    public static Response response(Problem p, boolean english) {
        return answer(p, english).build();
    }

    public static Response response(ProblemException e, boolean english) {
        Response.ResponseBuilder answer = answer(e.problem(), english);
        if (e.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return answer.build();
    }

    private static Response.ResponseBuilder answer(Problem p, boolean english) {
        // bytes, not a bean: written as they are whatever the request's Accept header says
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(body(p, english));
    }

    /** The problem+json body of a problem (outside JAX-RS too). */
    static byte[] body(Problem p, boolean english) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", english ? p.titleEn() : p.title());
        body.put("status", p.status());
        body.put("detail", english ? p.detailEn() : p.detail());
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ProblemException of(int status) {
        return switch (status) {
            case 401 -> new ProblemException(401, "unauthenticated", "Chưa đăng nhập",
                    "Vui lòng đăng nhập để tiếp tục.", "Not authenticated", "Please log in.");
            case 403 -> ProblemException.forbidden();
            case 404 -> ProblemException.notFound("Không có tài nguyên nào ở địa chỉ này.", "Nothing exists at this address.");
            case 405 -> new ProblemException(405, "method-not-allowed", "Phương thức không được hỗ trợ",
                    "Địa chỉ này không nhận phương thức HTTP đã dùng.", "Method not allowed",
                    "This address does not accept that HTTP method.");
            case 406 -> new ProblemException(406, "not-acceptable", "Không có định dạng phù hợp",
                    "Máy chủ chỉ trả lời bằng JSON (application/json).", "Not acceptable",
                    "This resource answers with application/json only.");
            case 413 -> tooLarge();
            case 415 -> new ProblemException(415, "unsupported-media-type", "Định dạng dữ liệu không được hỗ trợ",
                    "Nội dung gửi lên phải là JSON (Content-Type: application/json).", "Unsupported media type",
                    "The request body must be JSON (Content-Type: application/json).");
            default -> status >= 500
                    ? new ProblemException(status, "server-error", "Lỗi hệ thống",
                    "Máy chủ gặp lỗi khi xử lý yêu cầu. Lỗi đã được ghi lại.", "Server error",
                    "The server failed to handle the request. The error has been logged.")
                    : new ProblemException(status, "bad-request", "Yêu cầu không hợp lệ",
                    "Máy chủ không thể xử lý yêu cầu này.", "Bad request", "The request cannot be processed.");
        };
    }

    public static ProblemException tooLarge() {
        return new ProblemException(413, "payload-too-large", "Dữ liệu gửi lên quá lớn",
                "Nội dung yêu cầu vượt quá giới hạn cho phép.", "Payload too large",
                "The request body exceeds the configured limit.");
    }

    public static ProblemException malformed(String what) {
        return new ProblemException(400, "malformed-json", "Dữ liệu JSON không hợp lệ",
                "Nội dung gửi lên không phải JSON hợp lệ hoặc sai kiểu dữ liệu: " + what,
                "Malformed JSON", "The request body is not valid JSON or has wrong types: " + what);
    }

    /** 503 while a module or a service it needs is being replaced and did not come back within the wait. */
    public static ProblemException serviceUnavailable(String what) {
        return ProblemException.unavailable("service-unavailable",
                "Một phần của hệ thống đang được cập nhật (" + what + "); vui lòng thử lại sau giây lát.",
                "Part of the system is being updated (" + what + "); please retry shortly.", 5);
    }
}
