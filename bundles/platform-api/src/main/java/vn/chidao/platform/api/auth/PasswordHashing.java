package vn.chidao.platform.api.auth;

/**
 * Memory-hard password hashing (Argon2id, PHC string format) shared by every authenticator. Hashing is
 * deliberately expensive, so the platform runs only as many at once as cores and heap allow;
 * when saturated, {@link #verify} throws {@link AuthenticationException} with reason {@code busy}.
 */
public interface PasswordHashing {

    String hash(char[] password) throws AuthenticationException;

    /** Constant-time comparison. A null hash is checked against a dummy, so timing does not tell. */
    boolean verify(char[] password, String hash) throws AuthenticationException;

    /** A fresh one-time password (about 115 bits, no look-alike characters), to be changed at first login. */
    char[] oneTimePassword();

    /** Logins the platform hashes at once (bounded by cores and by the heap each hash needs). */
    int concurrency();
}
