package vn.chidao.platform.api;

/**
 * A service this request needs (another module's, usually while that module is being updated) did not come
 * back within the wait bound. REST answers it with 503 and Retry-After; it carries no HTTP itself.
 */
public class ServiceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String service;

    public ServiceUnavailableException(String service) {
        super("Service unavailable: " + service);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
