package vn.chidao.account.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.db.Db;

/**
 * The HS256 keys of access tokens, shared by all nodes through {@code account.signing_key}. The newest
 * key signs; rotation retires it, and a retired key still verifies for one token lifetime (tokens it
 * signed are at most that old), then never again. Nodes cache the keys and reload them every
 * {@link #RELOAD} (and when a token names a key they do not know), so a rotation on one node reaches
 * the others within seconds; tokens are always signed with the key the database calls current.
 */
final class SigningKeys {

    static final Duration RELOAD = Duration.ofSeconds(20);
    private static final Duration UNKNOWN_KEY_RELOAD = Duration.ofSeconds(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Key(String id, byte[] secret, Instant createdAt, Instant retiredAt) {
        /** Whether a token signed with this key may still be accepted at {@code now}. */
        boolean verifies(Instant now) {
            return retiredAt == null || now.isBefore(retiredAt.plus(AccessTokens.LIFETIME));
        }
    }

    /** A new current key and the one it retired. */
    record Rotation(String newKeyId, String retiredKeyId) {
    }

    private final Db db;
    private final ChidaoClock clock;
    private volatile Map<String, Key> cache = Map.of();
    private volatile long loadedAt;

    SigningKeys(Db db, ChidaoClock clock) {
        this.db = db;
        this.clock = clock;
        // one key shared by all nodes, created by whichever starts first
        db.tx(c -> {
            Db.one(c, "SELECT pg_advisory_xact_lock(hashtext('chidao.account.signing-key'))", rs -> 1);
            if (Db.one(c, "SELECT 1 FROM account.signing_key WHERE retired_at IS NULL", rs -> 1).isEmpty()) {
                insert(c, clock.now());
            }
            return null;
        });
        reload();
    }

    String issue(UUID person, UUID session, Instant now) {
        Key current = db.read(c -> Db.one(c, "SELECT * FROM account.signing_key WHERE retired_at IS NULL"
                + " ORDER BY created_at DESC LIMIT 1", rs -> new Key(rs.getString("id"), rs.getBytes("secret"),
                Db.instant(rs, "created_at"), null))).orElseThrow(() -> new IllegalStateException("no current signing key"));
        return AccessTokens.issue(current.id(), current.secret(), person, session, now);
    }

    Optional<UUID> session(String token, Instant now) {
        return AccessTokens.session(token, now, verifier(now));
    }

    private Function<String, Optional<byte[]>> verifier(Instant now) {
        return keyId -> {
            Key k = keys(keyId);
            return k != null && k.verifies(now) ? Optional.of(k.secret()) : Optional.empty();
        };
    }

    private Key keys(String keyId) {
        long age = System.nanoTime() - loadedAt;
        Key k = cache.get(keyId);
        if (age > RELOAD.toNanos() || (k == null && age > UNKNOWN_KEY_RELOAD.toNanos())) {
            reload();
            k = cache.get(keyId);
        }
        return k;
    }

    private void reload() {
        List<Key> all = db.read(c -> Db.list(c, "SELECT * FROM account.signing_key", rs -> new Key(rs.getString("id"),
                rs.getBytes("secret"), Db.instant(rs, "created_at"), Db.instant(rs, "retired_at"))));
        cache = all.stream().collect(Collectors.toUnmodifiableMap(Key::id, k -> k));
        loadedAt = System.nanoTime();
    }

    /** Retires the current key and makes a new one, in the caller's transaction (which journals it). */
    Rotation rotate(Connection c) throws SQLException {
        Instant now = clock.now();
        Db.one(c, "SELECT pg_advisory_xact_lock(hashtext('chidao.account.signing-key'))", rs -> 1);
        String retired = Db.one(c, "SELECT id FROM account.signing_key WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1",
                rs -> rs.getString(1)).orElse(null);
        Db.update(c, "UPDATE account.signing_key SET retired_at = ? WHERE retired_at IS NULL", now);
        String id = insert(c, now);
        loadedAt = System.nanoTime() - RELOAD.toNanos() - 1; // reload at the next verification
        return new Rotation(id, retired);
    }

    private static String insert(Connection c, Instant now) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String id = "hs256-" + HexFormat.of().formatHex(suffix);
        Db.update(c, "INSERT INTO account.signing_key (id, secret, created_at) VALUES (?,?,?)", id, secret, now);
        return id;
    }
}
