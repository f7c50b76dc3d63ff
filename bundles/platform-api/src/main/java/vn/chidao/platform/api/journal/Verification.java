package vn.chidao.platform.api.journal;

import java.util.UUID;

/**
 * Result of a journal verification. When {@link #ok()} is false, {@code agencyId}, {@code chainSeq} and
 * {@code entryId} name the first broken entry (entryId may be null when the entry itself is missing)
 * and {@code reason} says what is wrong.
 */
public record Verification(boolean ok, long entriesChecked, int chainsChecked, String checkpoint,
                           UUID agencyId, Long chainSeq, UUID entryId, String reason) {

    public static Verification ok(long entries, int chains, String checkpoint) {
        return new Verification(true, entries, chains, checkpoint, null, null, null, null);
    }
}
