package vn.chidao.platform.api.content;

import java.time.Instant;

/**
 * A stored file: its SHA-256 (hex, lower case) is its identity; the media type is the one its bytes
 * proved; {@code pages} is the page count of a PDF (0 otherwise).
 */
public record StoredContent(String sha256, long size, String mediaType, int pages, Instant storedAt) {
}
