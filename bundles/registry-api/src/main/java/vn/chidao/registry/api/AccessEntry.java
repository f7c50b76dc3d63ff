package vn.chidao.registry.api;

import java.time.Instant;

/** One view or download of a document (Decree 30 Phụ lục VI access log). */
public record AccessEntry(String username, String fullName, String action, Instant at) {
}
