package vn.chidao.platform.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.SecretFiles;
import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.auth.Authenticator;
import vn.chidao.platform.api.auth.FirstAdministrator;
import vn.chidao.platform.api.auth.PasswordHashing;
import vn.chidao.platform.api.auth.Session;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;

/**
 * The foundation's authenticator: knows only the first administrator, created on the first start of
 * an empty database with a one-time password that is shown once (the run command prints it from a
 * file only its owner can read) and never logged. Ranked low: the account module's one replaces it.
 */
@Component(service = {Authenticator.class, FirstAdministrator.class}, property = "service.ranking:Integer=-100")
public class FirstAdminAuthenticator implements Authenticator, FirstAdministrator {

    public static final String ADMIN = "admin";
    static final Duration ABSOLUTE = Duration.ofHours(12);
    static final Duration IDLE_ADMIN = Duration.ofMinutes(15);
    static final int MIN_LENGTH = 12;
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdminAuthenticator.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final ChidaoClock clock;
    private final Journal journal;
    private final PasswordHashing hasher;

    @Activate
    public FirstAdminAuthenticator(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                                   @Reference ChidaoClock clock, @Reference Journal journal,
                                   @Reference PasswordHashing hasher,
                                   @Reference(target = "(chidao.schema=platform)") SchemaReady schema) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.journal = journal;
        this.hasher = hasher;
        createFirstAdmin(Paths.get(System.getProperty("karaf.data", "data")));
    }

    private void createFirstAdmin(Path data) {
        char[] password = PasswordHasher.oneTimePassword();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID id = Ids.newId();
            int created;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform.local_user (id, username, full_name,"
                    + " password_hash, must_change, created_at) SELECT ?, ?, ?, ?, true, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM platform.local_user) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, id);
                ps.setString(2, ADMIN);
                ps.setString(3, "Quản trị hệ thống");
                ps.setString(4, hasher.hash(password));
                ps.setObject(5, utc(clock.now()));
                created = ps.executeUpdate();
            }
            if (created == 0) {
                c.rollback();
                return;
            }
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, "system", "platform.first-admin-created", id.toString(),
                    Map.of("username", ADMIN)));
            Path file = data.resolve("first-admin-password.txt");
            SecretFiles.writeOwnerOnly(file, "username=" + ADMIN + "\npassword=" + new String(password) + "\n");
            c.commit();
            LOG.info("First administrator '{}' created; its one-time password is in {} (readable by its owner only)"
                    + " and must be changed at first login", ADMIN, file);
        } catch (SQLException | IOException | AuthenticationException e) {
            throw new IllegalStateException("Cannot create the first administrator: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private record User(UUID id, String username, String fullName, String hash, boolean mustChange) {
        Caller caller() {
            return new Caller(id, username, fullName, Ids.NO_AGENCY, Set.of(Roles.SYSTEM_ADMIN), Set.of(), mustChange);
        }
    }

    private Optional<User> user(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, username, full_name, password_hash, must_change FROM platform.local_user WHERE username = ?"
                        + " AND handed_over_at IS NULL")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new User(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5))) : Optional.empty();
            }
        }
    }

    private boolean checkPassword(char[] password, String hash) throws AuthenticationException {
        return hasher.verify(password, hash);
    }

    @Override
    public Session login(String username, char[] password, String remoteAddress) throws AuthenticationException {
        Optional<User> u;
        try (Connection c = dataSource.getConnection()) {
            u = user(c, username == null ? "" : username.trim());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        // no pooled connection is held while hashing; unknown users are hashed too (no timing oracle)
        boolean ok = checkPassword(password, u.map(User::hash).orElse(null)) && u.isPresent();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, u.map(User::username).orElse("anonymous"),
                    ok ? "platform.login" : "platform.login-failed", u.map(x -> x.id().toString()).orElse(null),
                    Map.of("remoteAddress", remoteAddress == null ? "" : remoteAddress)));
            if (!ok) {
                c.commit();
                throw invalid();
            }
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            Instant now = clock.now();
            Instant expires = now.plus(ABSOLUTE);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform.session (token_hash, user_id,"
                    + " created_at, last_seen_at, expires_at) VALUES (?,?,?,?,?)")) {
                ps.setString(1, Tokens.hash(token));
                ps.setObject(2, u.get().id());
                ps.setObject(3, utc(now));
                ps.setObject(4, utc(now));
                ps.setObject(5, utc(expires));
                ps.executeUpdate();
            }
            c.commit();
            return new Session(token, u.get().caller(), expires);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static AuthenticationException invalid() {
        return new AuthenticationException("invalid-credentials", "Tên đăng nhập hoặc mật khẩu không đúng.");
    }

    /** Idle time is tracked to the minute: a request touches its session row at most once a minute. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    @Override
    public Optional<Caller> resolve(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.now();
        String tokenHash = Tokens.hash(token);
        try (Connection c = dataSource.getConnection()) {
            Caller caller;
            Instant lastSeen;
            try (PreparedStatement ps = c.prepareStatement("SELECT u.id, u.username, u.full_name, u.must_change,"
                    + " s.last_seen_at FROM platform.session s JOIN platform.local_user u ON u.id = s.user_id"
                    + " WHERE u.handed_over_at IS NULL AND s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ?")) {
                ps.setString(1, tokenHash);
                ps.setObject(2, utc(now));
                ps.setObject(3, utc(now.minus(IDLE_ADMIN)));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    caller = new User(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), null,
                            rs.getBoolean(4)).caller();
                    lastSeen = rs.getObject(5, OffsetDateTime.class).toInstant();
                }
            }
            if (lastSeen.isBefore(now.minus(TOUCH_EVERY))) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE platform.session SET last_seen_at = ? WHERE token_hash = ?")) {
                    ps.setObject(1, utc(now));
                    ps.setString(2, tokenHash);
                    ps.executeUpdate();
                }
            }
            return Optional.of(caller);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first administrator behind a shell session (re-checked while the session is open). */
    @Override
    public Optional<Caller> callerFor(String username) {
        try (Connection c = dataSource.getConnection()) {
            return user(c, username == null ? "" : username.trim()).map(User::caller);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void logout(String token) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE platform.session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")) {
            ps.setObject(1, utc(clock.now()));
            ps.setString(2, Tokens.hash(token == null ? "" : token));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void changePassword(Caller caller, char[] oldPassword, char[] newPassword) throws AuthenticationException {
        if (newPassword.length < MIN_LENGTH) {
            throw new AuthenticationException("weak-password", "Mật khẩu mới phải có ít nhất " + MIN_LENGTH + " ký tự.");
        }
        if (Arrays.equals(oldPassword, newPassword)) {
            throw new AuthenticationException("weak-password", "Mật khẩu mới phải khác mật khẩu cũ.");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            User u = user(c, caller.username()).orElseThrow(FirstAdminAuthenticator::invalid);
            if (!checkPassword(oldPassword, u.hash())) {
                c.rollback();
                throw new AuthenticationException("invalid-credentials", "Mật khẩu hiện tại không đúng.");
            }
            Instant now = clock.now();
            try (PreparedStatement ps = c.prepareStatement("UPDATE platform.local_user SET password_hash = ?,"
                    + " must_change = false, password_changed_at = ? WHERE id = ?");
                 PreparedStatement rv = c.prepareStatement(
                         "UPDATE platform.session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")) {
                ps.setString(1, hasher.hash(newPassword));
                ps.setObject(2, utc(now));
                ps.setObject(3, u.id());
                ps.executeUpdate();
                rv.setObject(1, utc(now));
                rv.setObject(2, u.id());
                rv.executeUpdate();
            }
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, u.username(), "platform.password-changed",
                    u.id().toString(), Map.of()));
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        oneTimePasswordSpent();
    }

    @Override
    public Optional<Account> handOver(Connection tx) {
        try (PreparedStatement ps = tx.prepareStatement("UPDATE platform.local_user SET handed_over_at = ?"
                + " WHERE handed_over_at IS NULL RETURNING id, username, full_name, password_hash, must_change")) {
            ps.setObject(1, utc(clock.now()));
            try (ResultSet rs = ps.executeQuery()) {
                Optional<Account> handed = rs.next() ? Optional.of(new Account(rs.getObject(1, UUID.class),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5))) : Optional.empty();
                if (handed.isPresent()) {
                    try (PreparedStatement rv = tx.prepareStatement("UPDATE platform.session SET revoked_at = ?"
                            + " WHERE user_id = ? AND revoked_at IS NULL")) {
                        rv.setObject(1, utc(clock.now()));
                        rv.setObject(2, handed.get().id());
                        rv.executeUpdate();
                    }
                }
                return handed;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void oneTimePasswordSpent() {
        Path file = Paths.get(System.getProperty("karaf.data", "data"), "first-admin-password.txt");
        try {
            // the one-time password is spent: do not leave it lying around
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
