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
}
