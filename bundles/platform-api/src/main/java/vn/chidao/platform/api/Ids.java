package vn.chidao.platform.api;

import java.security.SecureRandom;
import java.util.UUID;

/** Stable identifiers: time-ordered UUIDs (RFC 9562 version 7), friendly to B-tree indexes. */
public final class Ids {

    /** The chain of entries that belong to no agency (platform and system events). */
    public static final UUID NO_AGENCY = new UUID(0, 0);

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
