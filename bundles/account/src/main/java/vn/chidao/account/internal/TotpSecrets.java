package vn.chidao.account.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.account.internal.security.SecretBox;
import vn.chidao.platform.api.SecretFiles;
import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.rest.ProblemException;

/**
 * TOTP secrets sealed at rest with a key file outside the database ({@code etc/chidao-totp.key}, owner
 * only, made by the first node on an empty database; every node needs a copy of the same file). The
 * database keeps only the key's check value, so a node with a missing or different file refuses to seal
 * or open secrets — it never writes one the other nodes cannot read — and says what to copy.
 */
final class TotpSecrets {

    static final String KEY_FILE = "chidao-totp.key";
    private static final String PURPOSE = "totp";
    private static final Logger LOG = LoggerFactory.getLogger(TotpSecrets.class);

    private final Path file;
    private volatile SecretBox box;
    private volatile String expectedCheck;

    private TotpSecrets(Path file) {
        this.file = file;
    }

    /** The file under {@code karaf.etc} (copied between nodes with the rest of the configuration). */
    static Path defaultFile() {
        return Paths.get(System.getProperty("karaf.etc", "etc")).resolve(KEY_FILE);
    }

    /**
     * Loads (or, on a database without a key yet, creates) the key and seals the secrets still stored in
     * clear by an earlier version. Runs under the account bootstrap lock, so nodes starting together agree.
     */
    static TotpSecrets start(Connection c, Path file, Instant now) throws SQLException {
        TotpSecrets s = new TotpSecrets(file);
        Db.one(c, "SELECT pg_advisory_xact_lock(hashtext('chidao.account.totp-key'))", rs -> 1);
        s.expectedCheck = Db.one(c, "SELECT key_check FROM account.key_check WHERE purpose = ?", rs -> rs.getString(1), PURPOSE)
                .orElse(null);
        if (s.expectedCheck == null && !Files.exists(file)) {
            SecretBox fresh = create(file);
            Db.update(c, "INSERT INTO account.key_check (purpose, key_check, created_at) VALUES (?,?,?)", PURPOSE, fresh.check(), now);
            s.expectedCheck = fresh.check();
            LOG.info("New key for TOTP secrets in {} (owner only): copy this file to every node of the cluster", file);
        }
        SecretBox loaded = s.load();
        if (loaded != null && s.expectedCheck == null) {
            Db.update(c, "INSERT INTO account.key_check (purpose, key_check, created_at) VALUES (?,?,?)", PURPOSE, loaded.check(), now);
            s.expectedCheck = loaded.check();
            s.box = loaded;
        }
        if (s.box != null) {
            s.sealClearSecrets(c);
        }
        return s;
    }

    private static SecretBox create(Path file) {
        byte[] key = SecretBox.newKey();
        try {
            SecretFiles.writeOwnerOnly(file, Base64.getEncoder().encodeToString(key) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the TOTP key file " + file + ": " + e.getMessage(), e);
        }
        return new SecretBox(key);
    }

    /** The key from the file if it matches the cluster's check value; else null (logged once per load). */
    private synchronized SecretBox load() {
        if (box != null) {
            return box;
        }
        if (!Files.exists(file)) {
            LOG.warn("No TOTP key file {}: copy it from another node of the cluster; second factors cannot be checked here", file);
            return null;
        }
        try {
            SecretBox candidate = new SecretBox(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
            if (expectedCheck != null && !expectedCheck.equals(candidate.check())) {
                LOG.warn("The TOTP key file {} is not the cluster's key: copy the file from another node", file);
                return null;
            }
            box = expectedCheck == null ? null : candidate;
            return candidate;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Unreadable TOTP key file {}: {}", file, e.getMessage());
            return null;
        }
    }

    private void sealClearSecrets(Connection c) throws SQLException {
        List<Map.Entry<UUID, String>> clear = Db.list(c, "SELECT id, totp_secret FROM account.person WHERE totp_secret IS NOT NULL"
                + " AND totp_secret NOT LIKE ? FOR UPDATE", rs -> Map.entry(Db.uuid(rs, "id"), rs.getString("totp_secret")),
                SecretBox.PREFIX + "%");
        for (Map.Entry<UUID, String> e : clear) {
            Db.update(c, "UPDATE account.person SET totp_secret = ? WHERE id = ?", seal(e.getKey(), e.getValue()), e.getKey());
        }
        if (!clear.isEmpty()) {
            LOG.info("Sealed {} TOTP secret(s) stored in clear by an earlier version", clear.size());
        }
    }

    String seal(UUID person, String secret) {
        return usable().seal(secret, person.toString());
    }

    /** The clear secret of a stored value (null stays null). */
    String open(UUID person, String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return usable().open(stored, person.toString());
        } catch (IllegalArgumentException e) {
            throw unavailable();
        }
    }

    private SecretBox usable() {
        return Optional.ofNullable(box).or(() -> Optional.ofNullable(load())).orElseThrow(TotpSecrets::unavailable);
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "totp-key-unavailable", "Chưa thể kiểm tra mã xác thực",
                "Máy chủ này chưa có khóa bảo vệ mã xác thực hai lớp; quản trị hệ thống cần chép tệp etc/" + KEY_FILE
                        + " từ máy chủ khác.", "Second factor unavailable",
                "This node lacks the key of the second factors; copy etc/" + KEY_FILE + " from another node.");
    }
}
