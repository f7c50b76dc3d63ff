package vn.chidao.platform.api.journal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A recorded entry. {@code chainSeq} counts entries of the agency's chain from 1; {@code position} is the
 * global commit order (null until the entry's transaction commits).
 */
public record JournalEntry(UUID id, UUID agencyId, long chainSeq, Long position, String actor, String action,
                           String subjectId, Instant occurredAt, Map<String, Object> payload, String prevHash,
                           String hash) {
}
