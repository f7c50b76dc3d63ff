package vn.chidao.platform.auth;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1); // small cost: the format is under test

    @Test
    public void hashIsSaltedArgon2idInPhcFormatAndVerifies() {
        String a = hasher.hash("Mật-khẩu-2026".toCharArray());
        String b = hasher.hash("Mật-khẩu-2026".toCharArray());
        assertTrue(a, a.matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"));
        assertNotEquals("salted", a, b);
        assertTrue(hasher.verify("Mật-khẩu-2026".toCharArray(), a));
        assertFalse(hasher.verify("Mat-khau-2026".toCharArray(), a));
        assertFalse(hasher.verify("x".toCharArray(), "$argon2i$v=19$m=1024,t=1,p=1$AAAA$BBBB"));
    }

    @Test
    public void defaultCostVerifiesAcrossInstances() {
        String h = new PasswordHasher().hash("correct horse battery".toCharArray());
        assertTrue(h.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        assertTrue(new PasswordHasher(1, 1, 1).verify("correct horse battery".toCharArray(), h));
    }

    @Test
    public void oneTimePasswordsAreLongAndUnambiguous() {
        String p = new String(PasswordHasher.oneTimePassword());
        assertTrue(p, p.matches("[A-HJ-NP-Za-km-z2-9]{20}"));
        assertNotEquals(p, new String(PasswordHasher.oneTimePassword()));
    }
}
