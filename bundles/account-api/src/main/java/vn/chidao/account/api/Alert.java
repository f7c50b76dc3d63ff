package vn.chidao.account.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of access rights, shown to the agency's leaders and the system administrators until one of
 * them acknowledges it [Decree 30, Phụ lục VI].
 */
public record Alert(UUID id, UUID agencyId, String kind, UUID userId, String summary, String actor,
                    Instant createdAt, String acknowledgedBy, Instant acknowledgedAt) {
}
