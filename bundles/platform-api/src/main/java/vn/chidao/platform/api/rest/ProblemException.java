package vn.chidao.platform.api.rest;

/** Thrown by resources and services for an expected error; mapped to a problem+json answer. */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public ProblemException(int status, String kind, String titleVi, String detailVi, String titleEn, String detailEn) {
        super(detailEn);
        this.problem = new Problem(Problem.type(kind), status, titleVi, detailVi, titleEn, detailEn);
    }

    public Problem problem() {
        return problem;
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
