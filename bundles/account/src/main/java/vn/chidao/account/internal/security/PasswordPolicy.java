package vn.chidao.account.internal.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import vn.chidao.platform.api.Texts;

/**
 * What a new password must satisfy (length first, in the spirit of NIST SP 800-63B: no composition
 * rules, but refuse what is known, personal or trivial). Messages in Vietnamese and English.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    static final String COMMON_LIST = "/security/common-passwords.txt";

    /** Shortest stripped form looked up: shorter stems ("ab" of "ab#8$2!9@&(1") would refuse random passwords. */
    private static final int MIN_STEM = 3;
    /** Longest repeated unit counted as trivial ("aaaa", "abab", "123123"). */
    private static final int MAX_UNIT = 4;
    /** Runs typed by sliding along a keyboard or counting; each character occurs once, read cyclically. */
    private static final String[] SEQUENCES = {
        "0123456789",
        "abcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
        "!@#$%^&*()",
    };
    private static final int[][] NEXT = new int[SEQUENCES.length][];
    private static final int[][] PREVIOUS = new int[SEQUENCES.length][];

    static {
        for (int s = 0; s < SEQUENCES.length; s++) {
            String seq = SEQUENCES[s];
            NEXT[s] = new int[128];
            PREVIOUS[s] = new int[128];
            Arrays.fill(NEXT[s], -1);
            Arrays.fill(PREVIOUS[s], -1);
            for (int i = 0; i < seq.length(); i++) {
                char c = seq.charAt(i);
                NEXT[s][c] = seq.charAt((i + 1) % seq.length());
                PREVIOUS[s][c] = seq.charAt((i + seq.length() - 1) % seq.length());
            }
        }
    }

    public record Violation(String code, String vi, String en) {
    }

    public static final Violation TOO_SHORT = new Violation("password-too-short",
            "Mật khẩu phải có ít nhất " + MIN_LENGTH + " ký tự.",
            "The password must be at least " + MIN_LENGTH + " characters long.");
    public static final Violation TOO_LONG = new Violation("password-too-long",
            "Mật khẩu không được dài quá " + MAX_LENGTH + " ký tự.",
            "The password must not be longer than " + MAX_LENGTH + " characters.");
    public static final Violation CONTAINS_USERNAME = new Violation("password-contains-username",
            "Mật khẩu không được chứa tên đăng nhập.",
            "The password must not contain the user name.");
    public static final Violation IS_FULL_NAME = new Violation("password-is-full-name",
            "Mật khẩu không được là họ và tên của người dùng.",
            "The password must not be the user's full name.");
    public static final Violation TRIVIAL = new Violation("password-trivial",
            "Mật khẩu không được là một ký tự lặp lại hoặc một dãy đơn giản (như aaaa, 1234, qwerty).",
            "The password must not be a repeated character or a simple sequence (such as aaaa, 1234, qwerty).");
    public static final Violation COMMON = new Violation("password-common",
            "Mật khẩu này quá phổ biến hoặc đã bị lộ; hãy chọn mật khẩu khác.",
            "This password is too common or has appeared in a breach; choose another one.");

    /**
     * The first rule the password breaks, or empty if it is acceptable.
     *
     * @param username the account's login name, may be null
     * @param fullName the person's name as written (with diacritics), may be null
     */
    public Optional<Violation> check(char[] password, String username, String fullName) {
        // The caller wipes its array; the Strings made here cannot be wiped and are left to the GC.
        String nfc = password == null ? "" : Texts.nfc(new String(password));
        // Code points of the NFC form: "ế" counts once whether typed composed or decomposed.
        int length = nfc.codePointCount(0, nfc.length());
        if (length < MIN_LENGTH) {
            return Optional.of(TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            return Optional.of(TOO_LONG);
        }
        String lower = nfc.toLowerCase(Locale.ROOT);
        String folded = Texts.fold(nfc);
        if (username != null) {
            String user = Texts.fold(username.strip());
            if (user.codePointCount(0, user.length()) >= 3 && folded.contains(user)) {
                return Optional.of(CONTAINS_USERNAME);
            }
        }
        if (fullName != null) {
            String name = lettersAndDigits(Texts.fold(fullName));
            String compact = lettersAndDigits(folded);
            if (!name.isEmpty() && (compact.equals(name) || stripTrailing(compact).equals(name))) {
                return Optional.of(IS_FULL_NAME);
            }
        }
        if (isTrivial(lower)) {
            return Optional.of(TRIVIAL);
        }
        // The list has no diacritics or spaces: "Mật khẩu 123456" must meet "matkhau".
        if (isCommon(lower) || isCommon(withoutWhitespace(folded))) {
            return Optional.of(COMMON);
        }
        return Optional.empty();
    }

    /** Whether a lower-case password, or its stem without trailing digits and symbols, is on the list. */
    static boolean isCommon(String lower) {
        Set<String> list = CommonList.PASSWORDS;
        if (list.contains(lower)) {
            return true;
        }
        String stem = stripTrailing(lower);
        return stem.length() < lower.length()
                && stem.codePointCount(0, stem.length()) >= MIN_STEM
                && list.contains(stem);
    }

    static int commonListSize() {
        return CommonList.PASSWORDS.size();
    }

    /** A single simple run, or two of them ("abcd12345678"); runs are repeats or keyboard/alphabet sequences. */
    static boolean isTrivial(String lower) {
        int[] cps = lower.codePoints().toArray();
        int n = cps.length;
        if (simple(cps, 0, n)) {
            return true;
        }
        for (int split = 3; split <= n - 3; split++) {
            if (simple(cps, 0, split) && simple(cps, split, n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean simple(int[] cps, int from, int to) {
        return to - from >= 3 && (repeats(cps, from, to) || sequence(cps, from, to));
    }

    private static boolean repeats(int[] cps, int from, int to) {
        for (int unit = 1; unit <= MAX_UNIT && 2 * unit <= to - from; unit++) {
            boolean same = true;
            for (int i = from + unit; i < to && same; i++) {
                same = cps[i] == cps[i - unit];
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static boolean sequence(int[] cps, int from, int to) {
        for (int s = 0; s < SEQUENCES.length; s++) {
            if (follows(cps, from, to, NEXT[s]) || follows(cps, from, to, PREVIOUS[s])) {
                return true;
            }
        }
        return false;
    }

    private static boolean follows(int[] cps, int from, int to, int[] next) {
        for (int i = from; i + 1 < to; i++) {
            int c = cps[i];
            if (c >= next.length || next[c] != cps[i + 1]) {
                return false;
            }
        }
        return true;
    }

    /** Drops trailing digits, symbols and spaces: "password123!" → "password". */
    static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (Character.isLetter(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    private static String lettersAndDigits(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String withoutWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Loaded on first use, once per class loader (holder idiom: thread-safe without locking). */
    private static final class CommonList {
        static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_LIST);
            if (in == null) {
                // A policy that silently accepts every common password is worse than none.
                throw new IllegalStateException("Missing class-path resource " + COMMON_LIST);
            }
            Set<String> set = new HashSet<>(16_384);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        set.add(line.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + COMMON_LIST, e);
            }
            return Collections.unmodifiableSet(set);
        }
    }
}
