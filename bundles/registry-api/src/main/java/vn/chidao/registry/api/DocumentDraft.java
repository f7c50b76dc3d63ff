package vn.chidao.registry.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A registration: the Decree 30 (Phụ lục VI) metadata, with edXML names. For incoming documents the
 * issuer's number and notation are taken as printed ({@code originalNumber}, e.g. "Số: 15/QĐ-UBND"),
 * and {@code arrivalDate}/{@code arrivalMethod} (system, post, hand, email) are given. {@code secrecy}
 * other than {@code none} (mat, toi-mat, tuyet-mat) allows only a stub: no subject, no file.
 * {@code backfilled} marks paper handled during an outage, registered later with its real dates and
 * {@code incidentRef}. {@code confirmDuplicate} registers despite a duplicate warning.
 */
public record DocumentDraft(UUID registerId, String typeCode, LocalDate issuedDate, String organName, String organId,
                            String subject, String language, Integer pageAmount, String description, Signer signer,
                            List<String> to, List<String> toPlaces, Integer priority, Integer issuedAmount,
                            LocalDate dueDate, LocalDate arrivalDate, String arrivalMethod, String originalNumber,
                            String originalNotation, String edxmlDocumentId, String secrecy, Boolean backfilled,
                            String incidentRef, List<FileRef> files, Boolean confirmDuplicate) {
}
