package vn.chidao.account.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class SecretBoxTest {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Test
    public void sealedValuesOpenWithTheSameKeyAndOwnerOnly() {
        SecretBox box = new SecretBox(SecretBox.newKey());
        String sealed = box.seal(SECRET, "owner-1");
        assertTrue(SecretBox.isSealed(sealed));
        assertFalse(sealed.contains(SECRET));
        assertNotEquals("a fresh nonce each time", sealed, box.seal(SECRET, "owner-1"));
        assertEquals(SECRET, box.open(sealed, "owner-1"));
        refused(() -> box.open(sealed, "owner-2"));
        refused(() -> new SecretBox(SecretBox.newKey()).open(sealed, "owner-1"));
        String tampered = sealed.substring(0, sealed.length() - 3) + (sealed.endsWith("A==") ? "B==" : "A==");
        refused(() -> box.open(tampered, "owner-1"));
        refused(() -> box.open(SECRET, "owner-1"));
    }

    @Test
    public void theCheckValueTellsKeysApartWithoutRevealingThem() {
        byte[] key = SecretBox.newKey();
        assertEquals(new SecretBox(key).check(), new SecretBox(key.clone()).check());
        assertNotEquals(new SecretBox(key).check(), new SecretBox(SecretBox.newKey()).check());
        assertFalse(SecretBox.isSealed(SECRET));
        refused(() -> new SecretBox(new byte[16]));
    }

    private static void refused(Runnable r) {
        try {
            r.run();
            fail("must be refused");
        } catch (IllegalArgumentException expected) {
            // refused
        }
    }
}
