package vn.chidao.platform.api.rest;

/** Thrown by resources and services for an expected error; mapped to a problem+json answer. */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;
    private int retryAfterSeconds;

    public ProblemException(int status, String kind, String titleVi, String detailVi, String titleEn, String detailEn) {
        super(detailEn);
        this.problem = new Problem(Problem.type(kind), status, titleVi, detailVi, titleEn, detailEn);
    }

    public Problem problem() {
        return problem;
    }

    /** Asks the client to try again after this many seconds (the Retry-After header of a 503 or 429). */
    public ProblemException retryAfter(int seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("Retry-After must be positive: " + seconds);
        }
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Seconds for the Retry-After header, or 0 when the answer has none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 503: a part the request needs is away for a while; the client should retry after the given time. */
    public static ProblemException unavailable(String kind, String detailVi, String detailEn, int retryAfterSeconds) {
        return new ProblemException(503, kind, "Tạm thời gián đoạn", detailVi, "Temporarily unavailable", detailEn)
                .retryAfter(retryAfterSeconds);
    }

    public static ProblemException badRequest(String kind, String detailVi, String detailEn) {
        return new ProblemException(400, kind, "Yêu cầu không hợp lệ", detailVi, "Bad request", detailEn);
    }

    public static ProblemException notFound(String detailVi, String detailEn) {
        return new ProblemException(404, "not-found", "Không tìm thấy", detailVi, "Not found", detailEn);
    }

    public static ProblemException forbidden() {
        return new ProblemException(403, "forbidden", "Không có quyền", "Bạn không có quyền thực hiện thao tác này.",
                "Forbidden", "You are not allowed to do this.");
    }

    public static ProblemException conflict(String kind, String detailVi, String detailEn) {
        return new ProblemException(409, kind, "Xung đột", detailVi, "Conflict", detailEn);
    }
}
