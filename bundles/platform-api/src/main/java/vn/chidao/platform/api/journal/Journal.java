package vn.chidao.platform.api.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The tamper-evident journal: audit log and event stream in one. A module appends inside its own
 * database transaction, on its own connection, so a rolled-back change leaves no entry.
 */
public interface Journal {

    /**
     * Appends an entry to its agency's hash chain within the transaction of {@code tx} (auto-commit
     * must be off). The entry becomes visible, and is handed to consumers, when that transaction commits.
     */
    JournalEntry append(Connection tx, JournalDraft draft) throws SQLException;

    /** Appends in a transaction of its own; for changes that have no other database write. */
    JournalEntry append(JournalDraft draft);

    /** Newest entries first, at most {@code limit}; {@code agency} null for all agencies. */
    List<JournalEntry> tail(UUID agency, int limit);

    /** The entries about one subject (a document, a person...) in an agency's chain, newest first. */
    List<JournalEntry> history(UUID agency, String subjectId, int limit);

    /** Re-computes every chain and compares it with the newest signed checkpoint. */
    Verification verify();

    /** Same, against a checkpoint file copied away earlier. */
    Verification verify(Path checkpointFile);

    /** Writes a signed checkpoint of every chain head now; returns its path. */
    Path checkpoint();
}
