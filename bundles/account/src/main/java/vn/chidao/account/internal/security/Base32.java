package vn.chidao.account.internal.security;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * RFC 4648 base32 (the alphabet authenticator apps use for TOTP secrets).
 * Encodes upper case without padding; decodes leniently as people type secrets:
 * any case, spaces ignored, trailing padding ignored.
 */
public final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException on a character outside the alphabet or an impossible length */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        int symbols = 0;
        boolean padding = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (c == '=') {
                padding = true;
                continue;
            }
            int value = value(c);
            if (value < 0) {
                throw new IllegalArgumentException("Invalid base32 character at index " + i);
            }
            if (padding) {
                // Padding only ever ends an encoding; data after it means a corrupted secret.
                throw new IllegalArgumentException("Base32 data after padding at index " + i);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            symbols++;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        // 1, 3 or 6 symbols in the last group cannot come from any byte sequence.
        int rest = symbols % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            throw new IllegalArgumentException("Invalid base32 length");
        }
        return out.toByteArray();
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
