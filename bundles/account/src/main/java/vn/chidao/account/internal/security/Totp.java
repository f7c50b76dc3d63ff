package vn.chidao.account.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 (HOTP of RFC 4226 over 30-second steps).
 * Parameters are the ones every authenticator app supports: SHA-1, 6 digits, 30 s.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final int STEP_SECONDS = 30;

    /** 160 bits, the key length RFC 4226 §4 recommends. */
    private static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Totp() {
    }

    /** A fresh shared secret, base32 as authenticator apps expect it. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        try {
            return Base32.encode(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The time step containing {@code t}; floor so instants before 1970 stay consistent. */
    public static long step(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), STEP_SECONDS);
    }

    /**
     * The code for one step (RFC 4226 §5.3 dynamic truncation).
     *
     * @param hmacAlgorithm HmacSHA1, HmacSHA256 or HmacSHA512
     * @param digits 1 to 9
     */
    public static String code(byte[] key, long step, int digits, String hmacAlgorithm) {
        Objects.requireNonNull(key, "key");
        if (digits < 1 || digits > 9) {
            throw new IllegalArgumentException("digits must be 1 to 9: " + digits);
        }
        if (!"HmacSHA1".equals(hmacAlgorithm) && !"HmacSHA256".equals(hmacAlgorithm)
                && !"HmacSHA512".equals(hmacAlgorithm)) {
            throw new IllegalArgumentException("Unsupported TOTP algorithm: " + hmacAlgorithm);
        }
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(key, hmacAlgorithm));
            byte[] counter = new byte[8];
            for (int i = 7; i >= 0; i--) {
                counter[i] = (byte) step;
                step >>>= 8;
            }
            hash = mac.doFinal(counter);
        } catch (GeneralSecurityException e) {
            // The three algorithms are mandatory in every JRE.
            throw new IllegalStateException(hmacAlgorithm + " unavailable", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        int modulus = 1;
        for (int i = 0; i < digits; i++) {
            modulus *= 10;
        }
        String value = Integer.toString(binary % modulus);
        StringBuilder out = new StringBuilder(digits);
        for (int i = value.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(value).toString();
    }

    /** The 6-digit SHA-1 code of a base32 secret for one step. */
    public static String code(String base32Secret, long step) {
        byte[] key = Base32.decode(base32Secret);
        try {
            return code(key, step, DIGITS, "HmacSHA1");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Checks a code typed by the user against the steps now-1, now and now+1 (clock drift).
     * A step at or below {@code lastUsedStep} is never accepted, so a code works only once
     * (RFC 6238 §5.2); pass {@link Long#MIN_VALUE} when no code was ever accepted.
     *
     * @param code exactly six ASCII digits; anything else is refused, so strip spaces first
     * @return the matched step, to be stored as the new last used step; empty if refused
     */
    public static OptionalLong verify(String base32Secret, String code, Instant now, long lastUsedStep) {
        Objects.requireNonNull(base32Secret, "base32Secret");
        Objects.requireNonNull(now, "now");
        if (!isSixDigits(code)) {
            return OptionalLong.empty();
        }
        byte[] key = Base32.decode(base32Secret);
        try {
            byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
            long current = step(now);
            long matched = Long.MIN_VALUE;
            boolean found = false;
            // Every candidate is computed and compared, so the timing does not tell which step matched.
            for (long s = current - 1; s <= current + 1; s++) {
                byte[] expected = code(key, s, DIGITS, "HmacSHA1").getBytes(StandardCharsets.US_ASCII);
                boolean equal = MessageDigest.isEqual(expected, typed);
                if (equal && s > lastUsedStep && !found) {
                    matched = s;
                    found = true;
                }
            }
            return found ? OptionalLong.of(matched) : OptionalLong.empty();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The Key URI for enrolment QR codes:
     * {@code otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30}.
     * Issuer and account are UTF-8 percent-encoded (space as %20, never '+', which apps show literally).
     */
    public static String uri(String issuer, String account, String secret) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(secret, "secret");
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account)
                + "?secret=" + encode(secret)
                + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static boolean isSixDigits(String code) {
        if (code == null || code.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < DIGITS; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 percent-encoding: everything but the unreserved characters. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }
}
