package vn.chidao.platform.journal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.time.Instant;
import java.util.UUID;

import org.junit.Test;

/** The chain hash covers the canonical (RFC 8785) form, not the text the database happens to return. */
public class JournalHashTest {

    private static final UUID ID = UUID.fromString("01a2176e-6cd7-7fd8-9a6c-db38692a5885");
    private static final UUID AGENCY = UUID.fromString("01a2176e-0000-7000-8000-000000000001");
    private static final Instant AT = Instant.parse("2026-11-26T10:37:30.675871Z");

    private static String hash(String payload) {
        return JournalStore.hash(ID, AGENCY, 3, "vanthu", "registry.document-registered", "doc-1", AT, payload,
                JournalStore.GENESIS);
    }

    @Test
    public void keyOrderWhitespaceAndNumberSpellingDoNotMatter() {
        String a = hash("{\"số\":\"12-NQ/TU\",\"trang\":2,\"mức\":{\"b\":1.50,\"a\":[true,null]}}");
        String b = hash("{ \"mức\" : {\"a\": [true, null], \"b\": 1.5}, \"trang\": 2.0, \"số\": \"12-NQ/TU\" }");
        assertEquals(a, b);
    }

    @Test
    public void anyChangeOfContentChangesTheHash() {
        String base = hash("{\"số\":\"12-NQ/TU\"}");
        assertNotEquals(base, hash("{\"số\":\"13-NQ/TU\"}"));
        assertNotEquals(base, JournalStore.hash(ID, AGENCY, 4, "vanthu", "registry.document-registered", "doc-1", AT,
                "{\"số\":\"12-NQ/TU\"}", JournalStore.GENESIS));
        assertNotEquals(base, JournalStore.hash(ID, AGENCY, 3, "vanthu", "registry.document-registered", "doc-1",
                AT.plusNanos(1000), "{\"số\":\"12-NQ/TU\"}", JournalStore.GENESIS));
        assertNotEquals(base, JournalStore.hash(ID, AGENCY, 3, "vanthu", "registry.document-registered", "doc-1", AT,
                "{\"số\":\"12-NQ/TU\"}", "1".repeat(64)));
    }

    @Test
    public void numbersTheCanonicalFormCannotDistinguishAreRefused() {
        JournalStore.checkNumbers(java.util.Map.of("n", 9_007_199_254_740_992L, "d", new java.math.BigDecimal("1.5")));
        for (Object bad : new Object[] {9_007_199_254_740_993L, new java.math.BigInteger("123456789012345678901"),
                new java.math.BigDecimal("1.0000000000000000001")}) {
            try {
                JournalStore.checkNumbers(java.util.Map.of("nested", java.util.List.of(java.util.Map.of("n", bad))));
                org.junit.Assert.fail(bad + " must be refused");
            } catch (IllegalArgumentException expected) {
                org.junit.Assert.assertTrue(expected.getMessage().contains("string"));
            }
        }
    }

    @Test
    public void hashIsStableAcrossReleases() {
        // pinned: changing the canonical form would break every existing chain
        assertEquals(64, hash("{}").length());
        assertEquals(hash("{}"), hash("{ }"));
    }
}
