package vn.chidao.account.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A role held in an agency, possibly for a period only (ủy quyền: delegation while someone is absent).
 * The system-admin role is held without an agency ({@code agencyId} null).
 */
public record Grant(UUID id, UUID userId, UUID agencyId, String role, Instant validFrom, Instant validTo,
                    String reason, String grantedBy, Instant grantedAt, Instant revokedAt) {
}
