package vn.chidao.account.internal;

import java.util.regex.Pattern;

import vn.chidao.platform.api.rest.ProblemException;

/** Field validation with problem answers naming the field, in Vietnamese and English. */
final class Check {

    static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,49}$");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}$");
    static final Pattern PHONE = Pattern.compile("^\\+?[0-9 .()-]{6,20}$");
    static final Pattern ORGAN_ID = Pattern.compile("^[0-9A-Za-z.]{1,30}$");

    private Check() {
    }

    /** Trimmed text, or null when optional and blank; refused when too long or required and missing. */
    static String text(String value, String field, int max, boolean required) {
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
        if (v.chars().anyMatch(ch -> Character.isISOControl(ch))) {
            throw invalid(field, "chứa ký tự điều khiển", "contains control characters");
        }
        return v;
    }

    static String matching(String value, String field, Pattern pattern, boolean required) {
        String v = text(value, field, 200, required);
        if (v != null && !pattern.matcher(v).matches()) {
            throw invalid(field, "không đúng định dạng", "has a wrong format");
        }
        return v;
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw invalid(field, "bắt buộc", "is required");
        }
        return value;
    }

    static ProblemException invalid(String field, String vi, String en) {
        return ProblemException.badRequest("invalid-field", "Trường '" + field + "' " + vi + ".",
                "Field '" + field + "' " + en + ".");
    }

    static ProblemException notFound(String whatVi, String whatEn) {
        return ProblemException.notFound("Không tìm thấy " + whatVi + ".", "No such " + whatEn + ".");
    }
}
