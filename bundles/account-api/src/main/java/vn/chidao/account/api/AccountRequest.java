package vn.chidao.account.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agency administrator's proposal (a new account, or new roles for an existing one) that the
 * agency's leader approves or rejects. Kinds: {@code create-account}, {@code change-roles};
 * statuses: {@code pending}, {@code approved}, {@code rejected}. An approved new account's one-time
 * password goes to the proposer, once ({@code oneTimePasswordIssuedAt} says when).
 */
public record AccountRequest(UUID id, UUID agencyId, String kind, String status, UserDraft user, UUID userId,
                             List<String> roles, Instant validFrom, Instant validTo, String note, String requestedBy,
                             Instant requestedAt, String decidedBy, Instant decidedAt, String decisionNote,
                             Instant oneTimePasswordIssuedAt) {
}
