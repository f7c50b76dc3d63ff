package vn.chidao.platform.api.auth;

import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;

/**
 * The foundation's first administrator, handed over once to the account module, which then owns the
 * account (same id, username and password hash). After the hand-over the foundation no longer
 * accepts it, so there are never two places where the same person logs in.
 */
public interface FirstAdministrator {

    record Account(UUID id, String username, String fullName, String passwordHash, boolean mustChangePassword) {
    }

    /**
     * Marks the first administrator handed over, in the caller's transaction, and returns it; empty if
     * there is none or it was handed over already.
     */
    Optional<Account> handOver(Connection tx);

    /** Called once the one-time password has been changed: its file is deleted. */
    void oneTimePasswordSpent();
}
