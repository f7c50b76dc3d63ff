package vn.chidao.registry.api;

import java.time.LocalDate;
import java.util.UUID;

/** A committee term (nhiệm kỳ) of an agency: from the day after one congress closes to the close of the next. */
public record Term(UUID id, UUID agencyId, String name, LocalDate startsOn, LocalDate endsOn) {
}
