package vn.chidao.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Session tokens are stored only as hashes; the CSRF token is derived from the session token. */
public final class Tokens {
    private Tokens() {
    }

    public static String hash(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("session:" + token));
    }

    /** Double-submit CSRF token: a page on another origin can send the cookie but cannot compute this. */
    public static String csrf(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("csrf:" + token));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
