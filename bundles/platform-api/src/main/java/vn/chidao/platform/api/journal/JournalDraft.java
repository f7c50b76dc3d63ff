package vn.chidao.platform.api.journal;

import java.util.Map;
import java.util.UUID;

/**
 * What a module asks to record. {@code action} is {@code <module>.<verb>} (e.g.
 * {@code registry.document-registered}); {@code payload} is JSON-like data (maps, lists, strings,
 * numbers, booleans, null) and is hashed in its RFC 8785 canonical form.
 */
public record JournalDraft(UUID agencyId, String actor, String action, String subjectId, Map<String, Object> payload) {
    public JournalDraft {
        if (agencyId == null || actor == null || action == null) {
            throw new IllegalArgumentException("agency, actor and action are required");
        }
        payload = payload == null ? Map.of() : payload;
    }
}
