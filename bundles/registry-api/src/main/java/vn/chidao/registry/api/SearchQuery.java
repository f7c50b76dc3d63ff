package vn.chidao.registry.api;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Search over metadata and extracted text, with or without diacritics, within the caller's agencies.
 * {@code sort}: {@code relevance}, {@code newest} (default), {@code oldest}, {@code number}.
 */
public record SearchQuery(String text, UUID registerId, String kind, String typeCode, String organ, LocalDate from,
                          LocalDate to, Integer priority, String status, String sort, int page, int size) {
}
