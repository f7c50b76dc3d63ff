package vn.chidao.platform.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field validation for request bodies: trimmed text within a length, patterns, ranges, choices; a
 * refusal is a 400 problem naming the field, in Vietnamese and English.
 */
public final class Check {

    private Check() {
    }

    /** Trimmed text, or null when optional and blank; refused when too long, with control characters, or missing. */
    public static String text(String value, String field, int max, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                throw invalid(field, "bắt buộc", "is required");
            }
            return null;
        }
        if (v.codePointCount(0, v.length()) > max) {
            throw invalid(field, "dài quá " + max + " ký tự", "is longer than " + max + " characters");
        }
        if (v.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n')) {
            throw invalid(field, "chứa ký tự điều khiển", "contains control characters");
        }
        return v;
    }

    public static String matching(String value, String field, Pattern pattern, boolean required) {
        String v = text(value, field, 200, required);
        if (v != null && !pattern.matcher(v).matches()) {
            throw invalid(field, "không đúng định dạng", "has a wrong format");
        }
        return v;
    }

    /** An ISO date (yyyy-MM-dd) from a query parameter, or null when blank. */
    public static java.time.LocalDate date(String value, String field) {
        try {
            return value == null || value.isBlank() ? null : java.time.LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid(field, "phải là ngày yyyy-MM-dd", "must be a date yyyy-MM-dd");
        }
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw invalid(field, "bắt buộc", "is required");
        }
        return value;
    }

    public static Integer range(Integer value, String field, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw invalid(field, "phải từ " + min + " đến " + max, "must be " + min + " to " + max);
        }
        return value;
    }

    /** One of the allowed values; blank means {@code fallback} (refused as missing when that is null). */
    public static String oneOf(String value, String field, Set<String> allowed, String fallback) {
        String v = value == null || value.isBlank() ? fallback : value.strip();
        if (v == null) {
            throw invalid(field, "bắt buộc", "is required");
        }
        if (!allowed.contains(v)) {
            throw invalid(field, "phải là một trong " + allowed, "must be one of " + allowed);
        }
        return v;
    }

    /** A list of short texts (blank items dropped), at most {@code maxCount}. */
    public static List<String> texts(List<String> values, String field, int maxEach, int maxCount) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxCount) {
            throw invalid(field, "quá " + maxCount + " mục", "has more than " + maxCount + " items");
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String t = text(v, field + "[]", maxEach, false);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** A request body the endpoint cannot do without. */
    public static <T> T body(T body) {
        if (body == null) {
            throw ProblemException.badRequest("missing-body", "Thiếu nội dung yêu cầu (JSON).", "The request body (JSON) is missing.");
        }
        return body;
    }

    /** A query parameter read as text, so that "abc" is a 400 answer rather than JAX-RS's 404; blank is 0. */
    public static int integer(String value, String name) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-field", "Tham số '" + name + "' phải là số nguyên.",
                    "Parameter '" + name + "' must be an integer.");
        }
    }

    public static ProblemException invalid(String field, String vi, String en) {
        return ProblemException.badRequest("invalid-field", "Trường '" + field + "' " + vi + ".",
                "Field '" + field + "' " + en + ".");
    }

    public static ProblemException notFound(String whatVi, String whatEn) {
        return ProblemException.notFound("Không tìm thấy " + whatVi + ".", "No such " + whatEn + ".");
    }
}
