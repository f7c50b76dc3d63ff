package vn.chidao.console.internal;

import javax.servlet.http.HttpServletResponse;

/**
 * Headers of every answer under /console/: a strict Content-Security-Policy (scripts and styles from
 * the node only, no inline code except the import map allowed by its hash, no plugins, no framing,
 * forms only to the node), no MIME sniffing, no referrer, no framing by old browsers either.
 */
final class SecurityHeaders {

    static final String CSP = "Content-Security-Policy";

    private final String pagePolicy;
    private final String libraryPolicy;

    SecurityHeaders(String importMapHash) {
        this.pagePolicy = policy("'self' " + importMapHash);
        // vendored libraries' workers (PDF.js decodes JPEG 2000 and JBIG2 images with WebAssembly) take
        // the policy of their own script: WebAssembly compilation there, never string eval anywhere
        this.libraryPolicy = policy("'self' 'wasm-unsafe-eval'");
    }

    private static String policy(String scripts) {
        return String.join("; ",
                "default-src 'self'",
                "script-src " + scripts,
                "style-src 'self'",
                "img-src 'self'",
                "font-src 'self'",
                "connect-src 'self'",
                "worker-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "frame-ancestors 'none'",
                "form-action 'self'");
    }

    /** The policy for a path: library files (folders named lib/) may compile WebAssembly in their workers. */
    String policyFor(String path) {
        return path.contains("/lib/") ? libraryPolicy : pagePolicy;
    }

    void apply(HttpServletResponse res, String path) {
        res.setHeader(CSP, policyFor(path));
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "no-referrer");
        res.setHeader("X-Frame-Options", "DENY");
    }
}
