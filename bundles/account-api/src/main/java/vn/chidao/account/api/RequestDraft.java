package vn.chidao.account.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A proposal: for {@code create-account} the {@code user}, for {@code change-roles} the {@code userId}. */
public record RequestDraft(String kind, UUID agencyId, UUID userId, UserDraft user, List<String> roles,
                           Instant validFrom, Instant validTo, String note) {
}
