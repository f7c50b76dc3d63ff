package vn.chidao.account.internal.security;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.Test;

public class Base32Test {

    /** RFC 4648 §10, without the padding we never emit. */
    private static final String[][] VECTORS = {
        {"", ""},
        {"f", "MY"},
        {"fo", "MZXQ"},
        {"foo", "MZXW6"},
        {"foob", "MZXW6YQ"},
        {"fooba", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI"},
    };

    private static final String[] PADDED = {"", "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "MZXW6YTB", "MZXW6YTBOI======"};

    @Test
    public void rfc4648VectorsEncode() {
        for (String[] v : VECTORS) {
            assertEquals(v[0], v[1], Base32.encode(v[0].getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    public void rfc4648VectorsDecodeWithAndWithoutPadding() {
        for (int i = 0; i < VECTORS.length; i++) {
            byte[] expected = VECTORS[i][0].getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(VECTORS[i][1], expected, Base32.decode(VECTORS[i][1]));
            assertArrayEquals(PADDED[i], expected, Base32.decode(PADDED[i]));
        }
    }

    @Test
    public void decodeIgnoresCaseAndSpaces() {
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("mzxw 6ytb oi== ===="));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode(" MzXw6\tYtBoI\n"));
    }

    @Test
    public void roundTrip() {
        Random random = new Random(42);
        for (int length = 0; length < 70; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String text = Base32.encode(data);
            assertEquals(text.toUpperCase(), text);
            assertEquals(-1, text.indexOf('='));
            assertArrayEquals(data, Base32.decode(text));
            assertArrayEquals(data, Base32.decode(text.toLowerCase()));
        }
    }

    @Test
    public void rejectsInvalidCharacters() {
        for (String bad : new String[] {"MZXW1", "MZXW8", "MZ-XW", "MZXW6YTBÔI", "MZ.XW", "MY=A"}) {
            try {
                Base32.decode(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                // refused as it should be
            }
        }
    }

    @Test
    public void rejectsImpossibleLengths() {
        for (String bad : new String[] {"M", "MZX", "MZXW6Y", "MZXW6YTBM"}) {
            try {
                Base32.decode(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                // refused as it should be
            }
        }
    }
}
