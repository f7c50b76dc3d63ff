package vn.chidao.registry.api;

import java.util.UUID;

/** What creating a register takes; a null template means the Party default {@code {number}-{type}/{agency}}. */
public record RegisterDraft(UUID agencyId, String kind, String name, String scope, String notationTemplate) {
}
