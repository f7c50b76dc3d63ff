package vn.chidao.platform.api.auth;

/** Login or password change refused. {@link #reason()} is a stable code for the problem type. */
public class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public AuthenticationException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The problem answer: 429 when busy or throttled, 400 for a weak password, else 401. */
    public vn.chidao.platform.api.rest.ProblemException problem() {
        return switch (reason) {
            case "busy" -> new vn.chidao.platform.api.rest.ProblemException(429, "busy", "Hệ thống đang bận", getMessage(),
                    "Too many logins", "Too many logins at once; retry in a few seconds.");
            case "throttled" -> new vn.chidao.platform.api.rest.ProblemException(429, "throttled", "Quá nhiều lần đăng nhập sai",
                    getMessage(), "Too many failed logins", "Too many failed logins from this address; wait and retry.");
            case "otp-required" -> new vn.chidao.platform.api.rest.ProblemException(401, "otp-required", "Cần mã xác thực",
                    getMessage(), "Second factor required", "Enter the 6-digit code from your authenticator app.");
            case "weak-password" -> vn.chidao.platform.api.rest.ProblemException.badRequest("weak-password", getMessage(),
                    "The new password is too weak.");
            default -> new vn.chidao.platform.api.rest.ProblemException(401, reason, "Đăng nhập không thành công", getMessage(),
                    "Login failed", "Wrong username, password or code, or the account is temporarily locked.");
        };
    }
}
