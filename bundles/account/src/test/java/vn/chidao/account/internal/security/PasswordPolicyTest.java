package vn.chidao.account.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

import org.junit.Test;

import vn.chidao.account.internal.security.PasswordPolicy.Violation;

public class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    private Optional<Violation> check(String password) {
        return policy.check(password == null ? null : password.toCharArray(), "nv.an", "Nguyễn Văn An");
    }

    private void accepted(String password) {
        assertEquals(password, Optional.empty(), check(password));
    }

    private void refused(Violation expected, String password) {
        assertEquals(password, Optional.of(expected), check(password));
    }

    @Test
    public void acceptsReasonablePasswords() {
        accepted("Mùa xuân Đắk Nông 2026");
        accepted("correct horse battery staple");
        accepted("Tôi đi làm lúc 7 giờ");
        accepted("k#8$2!9@&(1)zQ");
        accepted("xk7-Qp2m-Vd9w");
    }

    @Test
    public void lengthCountsCodePoints() {
        // 11 code points even though "𝔸" takes two chars: refused; 12: accepted.
        refused(PasswordPolicy.TOO_SHORT, "𝔸bc1dfg2hjk");
        assertEquals(12, "𝔸bc1dfg2hjkm".codePointCount(0, "𝔸bc1dfg2hjkm".length()));
        accepted("𝔸bc1dfg2hjkm");
        // Vietnamese letters count once, composed or decomposed.
        String composed = "Đắk Nông quê";
        assertEquals(12, composed.codePointCount(0, composed.length()));
        accepted(composed);
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertTrue(decomposed.length() > 12);
        accepted(decomposed);
        refused(PasswordPolicy.TOO_SHORT, "Đắk Nông qu");
    }

    @Test
    public void lengthLimits() {
        refused(PasswordPolicy.TOO_SHORT, null);
        refused(PasswordPolicy.TOO_SHORT, "");
        refused(PasswordPolicy.TOO_SHORT, "x7#Kq9!mZ2w");
        accepted("x7#Kq9!mZ2wL");
        String longest = "Mùa xuân Đắk Nông 2026! ".repeat(11);
        longest = longest.substring(0, longest.offsetByCodePoints(0, PasswordPolicy.MAX_LENGTH));
        accepted(longest);
        refused(PasswordPolicy.TOO_LONG, longest + "x");
    }

    @Test
    public void commonListIsLoaded() {
        assertTrue(PasswordPolicy.commonListSize() > 10_000);
        assertTrue(PasswordPolicy.isCommon("password"));
        assertTrue(PasswordPolicy.isCommon("123456"));
        assertTrue(PasswordPolicy.isCommon("matkhau"));
        assertTrue(PasswordPolicy.isCommon("dangcongsan"));
        assertFalse(PasswordPolicy.isCommon("# common passwords"));
        assertFalse(PasswordPolicy.isCommon("muaxuandaknong"));
    }

    @Test
    public void commonListFileIsLowerCaseWithoutDuplicates() throws IOException {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(PasswordPolicy.COMMON_LIST);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            String line;
            int entries = 0;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                assertEquals(line, line.strip().toLowerCase(java.util.Locale.ROOT), line);
                assertTrue("duplicate " + line, seen.add(line));
                entries++;
            }
            assertEquals(PasswordPolicy.commonListSize(), entries);
        }
    }

    @Test
    public void refusesCommonPasswordsCaseInsensitively() {
        refused(PasswordPolicy.COMMON, "LeaveMeAlone");
        refused(PasswordPolicy.COMMON, "FINALFANTASY");
        refused(PasswordPolicy.COMMON, "BASEBALL1234");
        assertTrue(PasswordPolicy.isCommon("1234567890123")); // also trivial, which check() reports first
        refused(PasswordPolicy.COMMON, "MatKhau123456");
    }

    @Test
    public void refusesCommonPasswordsAfterStrippingTrailingDigitsAndSymbols() {
        refused(PasswordPolicy.COMMON, "Password123!");
        refused(PasswordPolicy.COMMON, "Password1234!!");
        refused(PasswordPolicy.COMMON, "iloveyou2026!");
        refused(PasswordPolicy.COMMON, "Anhyeuem@2026");
        refused(PasswordPolicy.COMMON, "dragon123456");
        refused(PasswordPolicy.COMMON, "Vietnam 1975-2026");
        // Diacritics and spaces do not hide a listed password.
        refused(PasswordPolicy.COMMON, "Mật khẩu 123456");
        refused(PasswordPolicy.COMMON, "Đắk Nông 2026!!!");
        refused(PasswordPolicy.COMMON, "I love you 12345");
        // Only trailing characters are stripped: a listed word inside a phrase is fine.
        accepted("my password is long enough");
    }

    @Test
    public void refusesTheUsername() {
        refused(PasswordPolicy.CONTAINS_USERNAME, "xin chao NV.AN 2026");
        refused(PasswordPolicy.CONTAINS_USERNAME, "nv.an-xk7-Qp2m");
        assertEquals(Optional.of(PasswordPolicy.CONTAINS_USERNAME),
                policy.check("Hoàng Thị Lan 1990".toCharArray(), "lan", null));
        // Usernames shorter than three characters would refuse too much.
        assertEquals(Optional.empty(), policy.check("Hoàng Thị Lan 1990".toCharArray(), "la", null));
        assertEquals(Optional.empty(), policy.check("Hoàng Thị Lan 1990".toCharArray(), null, null));
    }

    @Test
    public void refusesTheFullName() {
        assertEquals(Optional.of(PasswordPolicy.IS_FULL_NAME),
                policy.check("NguyenThiMinhKhai".toCharArray(), null, "Nguyễn Thị Minh Khai"));
        assertEquals(Optional.of(PasswordPolicy.IS_FULL_NAME),
                policy.check("nguyễn thị minh khai".toCharArray(), null, "Nguyễn Thị Minh Khai"));
        assertEquals(Optional.of(PasswordPolicy.IS_FULL_NAME),
                policy.check("Nguyen Thi Minh Khai 1990!".toCharArray(), null, "Nguyễn Thị Minh Khai"));
        assertEquals(Optional.of(PasswordPolicy.IS_FULL_NAME),
                policy.check("ĐặngVănĐức2026".toCharArray(), null, "Đặng Văn Đức"));
        assertEquals(Optional.empty(),
                policy.check("Nguyễn Thị Minh Khai yêu Đắk Nông".toCharArray(), null, "Nguyễn Thị Minh Khai"));
        assertEquals(Optional.empty(), policy.check("Mùa xuân Đắk Nông 2026".toCharArray(), null, "Nguyễn Thị Minh Khai"));
    }

    @Test
    public void refusesRepeatsAndSequences() {
        for (String trivial : new String[] {"aaaaaaaaaaaa", "ÂÂÂÂÂÂÂÂÂÂÂÂ", "123456789012", "abcdefghijkl", "qwertyuiopas",
            "ABCDEFGHIJKLMNOP", "987654321098", "zyxwvutsrqpo", "lkjhgfdsapoiu", "1qaz2wsx3edc4rfv",
            "abababababab", "123123123123", "abcd12345678", "aaaaaa111111", "zxcvbnmasdfgh", "!@#$%^&*()!@"}) {
            refused(PasswordPolicy.TRIVIAL, trivial);
        }
    }

    @Test
    public void violationsHaveBothLanguages() {
        for (Violation v : new Violation[] {PasswordPolicy.TOO_SHORT, PasswordPolicy.TOO_LONG, PasswordPolicy.COMMON,
            PasswordPolicy.CONTAINS_USERNAME, PasswordPolicy.IS_FULL_NAME, PasswordPolicy.TRIVIAL}) {
            assertTrue(v.code().startsWith("password-"));
            assertTrue(v.vi().startsWith("Mật khẩu"));
            assertFalse(v.en().isEmpty());
        }
        assertEquals("Mật khẩu phải có ít nhất 12 ký tự.", PasswordPolicy.TOO_SHORT.vi());
    }
}
