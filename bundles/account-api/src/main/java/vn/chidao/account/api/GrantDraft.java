package vn.chidao.account.api;

import java.time.Instant;
import java.util.UUID;

/** A role to grant; {@code validFrom} null means now, {@code validTo} null means until revoked. */
public record GrantDraft(UUID userId, UUID agencyId, String role, Instant validFrom, Instant validTo, String reason) {
}
