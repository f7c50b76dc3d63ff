package vn.chidao.account.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import vn.chidao.platform.api.db.Db;

/**
 * The family of refresh tokens of one API session, kept (hashed) for the session's lifetime: one live
 * token, every earlier one spent. Rotation happens with the session row locked.
 */
final class RefreshTokens {

    private RefreshTokens() {
    }

    /** A presented token of a family: its session, generation, and whether it was spent already. */
    record Presented(String hash, UUID session, int generation, boolean spent) {
    }

    static void first(Connection c, UUID session, String hash, Instant now) throws SQLException {
        Db.update(c, "INSERT INTO account.refresh_token (token_hash, session_id, generation, issued_at) VALUES (?,?,0,?)",
                hash, session, now);
    }

    /**
     * The token, read after locking its session row ({@code FOR UPDATE}): a concurrent rotation with the
     * same token waits here, then sees the token spent.
     */
    static Optional<Presented> present(Connection c, String hash) throws SQLException {
        Optional<UUID> session = Db.one(c, "SELECT session_id FROM account.refresh_token WHERE token_hash = ?",
                rs -> Db.uuid(rs, "session_id"), hash);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Db.one(c, "SELECT 1 FROM account.session WHERE id = ? FOR UPDATE", rs -> 1, session.get());
        return Db.one(c, "SELECT generation, spent_at IS NOT NULL AS spent FROM account.refresh_token WHERE token_hash = ?",
                rs -> new Presented(hash, session.get(), rs.getInt("generation"), rs.getBoolean("spent")), hash);
    }

    /** Spends the presented token and issues the next generation. */
    static void rotate(Connection c, Presented spent, String nextHash, Instant now) throws SQLException {
        Db.update(c, "UPDATE account.refresh_token SET spent_at = ? WHERE token_hash = ?", now, spent.hash());
        Db.update(c, "INSERT INTO account.refresh_token (token_hash, session_id, generation, issued_at) VALUES (?,?,?,?)",
                nextHash, spent.session(), spent.generation() + 1, now);
    }
}
