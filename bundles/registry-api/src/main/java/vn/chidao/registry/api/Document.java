package vn.chidao.registry.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A registered document (one register entry). {@code number} is the register's number (số đến for
 * incoming, số for outgoing) in {@code period} (the year, or the term's name); {@code notation} is the
 * rendered ký hiệu ("12-NQ/TU") for outgoing, the issuer's as printed for incoming. {@code status}:
 * {@code registered} or {@code void} (the number stays taken, with the reason).
 */
public record Document(UUID id, UUID registerId, UUID agencyId, String kind, int number, String period,
                       String notation, String typeCode, String typeName, LocalDate issuedDate, String organName,
                       String organId, String subject, String language, Integer pageAmount, String description,
                       Signer signer, List<String> to, List<String> toPlaces, int priority, Integer issuedAmount,
                       LocalDate dueDate, LocalDate arrivalDate, String arrivalMethod, String originalNumber,
                       String originalNotation, String edxmlDocumentId, String secrecy, boolean stub, boolean backfilled,
                       String incidentRef, String status, String voidReason, List<DocumentFile> files,
                       String registeredBy, Instant registeredAt) {
}
