package vn.chidao.registry.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A register of an agency. {@code kind}: {@code incoming} or {@code outgoing}. {@code scope}:
 * {@code year} (numbers from 1 each calendar year in Asia/Ho_Chi_Minh — Decree 30, and every incoming
 * register) or {@code type-term} (from 1 per document type per committee term — Party outgoing).
 * {@code notationTemplate} renders the ký hiệu, e.g. {@code {number}-{type}/{agency}} → 12-NQ/TU.
 */
public record Register(UUID id, UUID agencyId, String kind, String name, String scope, String notationTemplate,
                       boolean active, Instant createdAt) {
}
