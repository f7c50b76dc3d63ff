package vn.chidao.registry.api;

import java.time.Instant;
import java.util.Map;

/** A change of a document, from the journal: who, when, what, and for corrections the before/after. */
public record HistoryEntry(Instant at, String actor, String action, Map<String, Object> details) {
}
