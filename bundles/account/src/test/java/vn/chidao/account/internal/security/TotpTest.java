package vn.chidao.account.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.Test;

public class TotpTest {

    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B: time, SHA1, SHA256, SHA512 (8 digits, X = 30, T0 = 0). */
    private static final Object[][] APPENDIX_B = {
        {59L, "94287082", "46119246", "90693936"},
        {1111111109L, "07081804", "68084774", "25091201"},
        {1111111111L, "14050471", "67062674", "99943326"},
        {1234567890L, "89005924", "91819424", "93441116"},
        {2000000000L, "69279037", "90698825", "38618901"},
        {20000000000L, "65353130", "77737706", "47863826"},
    };

    /** The SHA-1 RFC seed in base32, as an authenticator app would hold it. */
    private static final String SECRET = Base32.encode(SEED_SHA1);

    @Test
    public void rfc6238AppendixB() {
        for (Object[] row : APPENDIX_B) {
            long step = Totp.step(Instant.ofEpochSecond((Long) row[0]));
            assertEquals("SHA1 at " + row[0], row[1], Totp.code(SEED_SHA1, step, 8, "HmacSHA1"));
            assertEquals("SHA256 at " + row[0], row[2], Totp.code(SEED_SHA256, step, 8, "HmacSHA256"));
            assertEquals("SHA512 at " + row[0], row[3], Totp.code(SEED_SHA512, step, 8, "HmacSHA512"));
        }
    }

    @Test
    public void appendixBStepValues() {
        // The T column of Appendix B.
        assertEquals(0x1L, Totp.step(Instant.ofEpochSecond(59)));
        assertEquals(0x23523ECL, Totp.step(Instant.ofEpochSecond(1111111109)));
        assertEquals(0x23523EDL, Totp.step(Instant.ofEpochSecond(1111111111)));
        assertEquals(0x273EF07L, Totp.step(Instant.ofEpochSecond(1234567890)));
        assertEquals(0x3F940AAL, Totp.step(Instant.ofEpochSecond(2000000000)));
        assertEquals(0x27BC86AAL, Totp.step(Instant.ofEpochSecond(20000000000L)));
        assertEquals(-1L, Totp.step(Instant.ofEpochSecond(-1)));
    }

    @Test
    public void sixDigitCodeIsTheLastSixOfTheEightDigitOne() {
        // Same truncated value modulo 10^6: ties the app-facing code to the RFC vectors.
        for (Object[] row : APPENDIX_B) {
            long step = Totp.step(Instant.ofEpochSecond((Long) row[0]));
            assertEquals(((String) row[1]).substring(2), Totp.code(SECRET, step));
        }
    }

    @Test
    public void codesAreZeroPadded() {
        // 07081804 at 1111111109 keeps its leading zero in 8 digits.
        assertEquals("07081804", Totp.code(SEED_SHA1, Totp.step(Instant.ofEpochSecond(1111111109)), 8, "HmacSHA1"));
        boolean sawLeadingZero = false;
        for (long step = 0; step < 2000; step++) {
            String code = Totp.code(SECRET, step);
            assertEquals(6, code.length());
            sawLeadingZero |= code.charAt(0) == '0';
        }
        assertTrue(sawLeadingZero);
    }

    @Test(expected = IllegalArgumentException.class)
    public void unknownAlgorithmRefused() {
        Totp.code(SEED_SHA1, 1, 6, "HmacMD5");
    }

    @Test
    public void acceptsCurrentAndAdjacentSteps() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        assertEquals(OptionalLong.of(step), Totp.verify(SECRET, Totp.code(SECRET, step), now, Long.MIN_VALUE));
        assertEquals(OptionalLong.of(step - 1), Totp.verify(SECRET, Totp.code(SECRET, step - 1), now, Long.MIN_VALUE));
        assertEquals(OptionalLong.of(step + 1), Totp.verify(SECRET, Totp.code(SECRET, step + 1), now, Long.MIN_VALUE));
    }

    @Test
    public void refusesStepsOutsideTheDriftWindow() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        assertFalse(Totp.verify(SECRET, Totp.code(SECRET, step - 2), now, Long.MIN_VALUE).isPresent());
        assertFalse(Totp.verify(SECRET, Totp.code(SECRET, step + 2), now, Long.MIN_VALUE).isPresent());
    }

    @Test
    public void aCodeIsAcceptedOnlyOnce() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        String code = Totp.code(SECRET, step);
        OptionalLong first = Totp.verify(SECRET, code, now, Long.MIN_VALUE);
        assertEquals(OptionalLong.of(step), first);
        // Replay within the same step, or 20 s later while the code is still in the window: refused.
        assertFalse(Totp.verify(SECRET, code, now, first.getAsLong()).isPresent());
        assertFalse(Totp.verify(SECRET, code, now.plusSeconds(20), first.getAsLong()).isPresent());
        // An older code still inside the window is refused too once a later one was used.
        assertFalse(Totp.verify(SECRET, Totp.code(SECRET, step - 1), now, step).isPresent());
        // The next step's code is fine.
        assertEquals(OptionalLong.of(step + 1),
                Totp.verify(SECRET, Totp.code(SECRET, step + 1), now.plusSeconds(30), first.getAsLong()));
    }

    @Test
    public void refusesWrongCode() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        Set<String> window = new HashSet<>();
        for (long s = step - 1; s <= step + 1; s++) {
            window.add(Totp.code(SECRET, s));
        }
        String wrong = "000000";
        while (window.contains(wrong)) {
            wrong = String.format("%06d", Integer.parseInt(wrong) + 1);
        }
        assertFalse(Totp.verify(SECRET, wrong, now, Long.MIN_VALUE).isPresent());
        // The right code under another secret is wrong (fixed secret, so the test cannot flake).
        String other = Base32.encode(SEED_SHA256);
        for (long s = step - 1; s <= step + 1; s++) {
            assertFalse(window.contains(Totp.code(other, s)));
        }
        assertFalse(Totp.verify(other, Totp.code(SECRET, step), now, Long.MIN_VALUE).isPresent());
    }

    @Test
    public void refusesMalformedInput() {
        Instant now = Instant.ofEpochSecond(1234567890);
        String good = Totp.code(SECRET, Totp.step(now));
        String[] malformed = {null, "", "12345", "1234567", good + "0", good.substring(1), " " + good.substring(1),
            good.substring(0, 3) + " " + good.substring(3), "12a456", "１２３４５６", "-12345", "+12345", "١٢٣٤٥٦"};
        for (String code : malformed) {
            assertFalse(String.valueOf(code), Totp.verify(SECRET, code, now, Long.MIN_VALUE).isPresent());
        }
        assertTrue(Totp.verify(SECRET, good, now, Long.MIN_VALUE).isPresent());
    }

    @Test
    public void secretsAreRandomBase32Of160Bits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String secret = Totp.newSecret();
            assertEquals(32, secret.length());
            assertTrue(secret.matches("[A-Z2-7]{32}"));
            assertEquals(20, Base32.decode(secret).length);
            assertTrue(seen.add(secret));
        }
    }

    @Test
    public void keyUri() {
        assertEquals("otpauth://totp/Chidao:admin?secret=JBSWY3DPEHPK3PXP&issuer=Chidao&algorithm=SHA1&digits=6&period=30",
                Totp.uri("Chidao", "admin", "JBSWY3DPEHPK3PXP"));
        assertEquals("otpauth://totp/T%E1%BB%89nh%20%E1%BB%A7y%20%C4%90%E1%BA%AFk%20N%C3%B4ng:nguyen.van.an%40daknong.gov.vn"
                + "?secret=JBSWY3DPEHPK3PXP&issuer=T%E1%BB%89nh%20%E1%BB%A7y%20%C4%90%E1%BA%AFk%20N%C3%B4ng"
                + "&algorithm=SHA1&digits=6&period=30",
                Totp.uri("Tỉnh ủy Đắk Nông", "nguyen.van.an@daknong.gov.vn", "JBSWY3DPEHPK3PXP"));
        String uri = Totp.uri("A+B&C", "x:y", "S");
        assertFalse(uri.contains("+"));
        assertTrue(uri.startsWith("otpauth://totp/A%2BB%26C:x%3Ay?secret=S&issuer=A%2BB%26C&"));
        assertNotEquals(-1, uri.indexOf("&period=30"));
    }
}
