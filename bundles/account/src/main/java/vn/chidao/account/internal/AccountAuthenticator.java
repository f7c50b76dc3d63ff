package vn.chidao.account.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.account.internal.security.LoginBackoff;
import vn.chidao.account.internal.security.PasswordPolicy;
import vn.chidao.account.internal.security.Totp;
import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.auth.Authenticator;
import vn.chidao.platform.api.auth.Credentials;
import vn.chidao.platform.api.auth.FirstAdministrator;
import vn.chidao.platform.api.auth.PasswordHashing;
import vn.chidao.platform.api.auth.Session;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.rest.Check;
import vn.chidao.platform.api.rest.ProblemException;

/**
 * The real authenticator behind console, REST and the Karaf shell; it outranks the foundation's.
 * Passwords are Argon2id (the platform's {@link PasswordHashing}), administrators need a TOTP second
 * factor, repeated failures lock the account with back-off and throttle the address, and answers
 * never tell whether a username exists. Sessions live in the database (stateless nodes): the console
 * holds an opaque token, REST clients a signed access token plus a rotating refresh token.
 */
@Component(service = {Authenticator.class, AccountAuthenticator.class}, property = "service.ranking:Integer=100")
public class AccountAuthenticator implements Authenticator {

    static final Duration ABSOLUTE = Duration.ofHours(12);
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration IDLE_ADMIN = Duration.ofMinutes(15);
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What REST clients get from login and refresh. */
    public record Tokens(String accessToken, String refreshToken, long expiresIn, Caller caller) {
    }

    private record Account(UUID id, String username, String fullName, String hash, boolean mustChange, boolean totpEnabled,
                           String totpSecret, long totpLastStep, boolean usable, int failures, Instant lockedUntil) {
        Callers.Person person() {
            return new Callers.Person(id, username, fullName, mustChange, totpEnabled);
        }
    }

    private final Db db;
    private final ChidaoClock clock;
    private final Journal journal;
    private final PasswordHashing hashing;
    private final FirstAdministrator firstAdmin;
    private final PasswordPolicy policy = new PasswordPolicy();
    private final SigningKeys signingKeys;
    private final TotpSecrets totpSecrets;

    @Activate
    public AccountAuthenticator(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                                @Reference ChidaoClock clock, @Reference Journal journal, @Reference PasswordHashing hashing,
                                @Reference FirstAdministrator firstAdmin,
                                @Reference(target = "(chidao.schema=account)") SchemaReady schema,
                                @Reference Bootstrap bootstrap) {
        this.db = new Db(dataSource);
        this.clock = clock;
        this.journal = journal;
        this.hashing = hashing;
        this.firstAdmin = firstAdmin;
        this.signingKeys = new SigningKeys(db, clock);
        this.totpSecrets = db.tx(c -> TotpSecrets.start(c, TotpSecrets.defaultFile(), clock.now()));
    }

    /**
     * Retires the access-token key and starts signing with a new one (system administrators; journaled).
     * Tokens signed with the old key stay valid for their lifetime, then the old key verifies nothing.
     */
    public String rotateSigningKey(Caller caller) {
        if (!caller.hasRole(vn.chidao.platform.api.Roles.SYSTEM_ADMIN)) {
            throw ProblemException.forbidden();
        }
        return db.tx(c -> {
            SigningKeys.Rotation r = signingKeys.rotate(c);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("retired", r.retiredKeyId());
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, caller.username(), "account.signing-key-rotated", r.newKeyId(), p));
            return r.newKeyId();
        });
    }

    // --- login -------------------------------------------------------------------------------------

    @Override
    public Session login(String username, char[] password, String remoteAddress) throws AuthenticationException {
        return login(new Credentials(username, password, null, remoteAddress, Credentials.Channel.CONSOLE));
    }

    @Override
    public Session login(Credentials credentials) throws AuthenticationException {
        Opened o = open(credentials);
        return new Session(o.token(), o.caller(), o.expiresAt());
    }

    /** Login of a REST client: a signed access token and a refresh token. */
    public Tokens loginForApi(Credentials credentials) throws AuthenticationException {
        Opened o = open(new Credentials(credentials.username(), credentials.password(), credentials.otp(),
                credentials.remoteAddress(), Credentials.Channel.API));
        return tokens(o.sessionId(), o.caller(), o.refreshToken());
    }

    private Tokens tokens(UUID session, Caller caller, String refreshToken) {
        return new Tokens(signingKeys.issue(caller.userId(), session, clock.now()), refreshToken,
                AccessTokens.LIFETIME.toSeconds(), caller);
    }

    private record Opened(UUID sessionId, String token, String refreshToken, Caller caller, Instant expiresAt) {
    }

    /** A login's outcome: failures are committed (counted, journaled) before the refusal is thrown. */
    private record Outcome(Opened opened, AuthenticationException refusal) {
        static Outcome refused(AuthenticationException e) {
            return new Outcome(null, e);
        }
    }

    private Opened open(Credentials cr) throws AuthenticationException {
        String username = cr.username() == null ? "" : cr.username().strip().toLowerCase(Locale.ROOT);
        String address = cr.remoteAddress();
        if (username.length() > 100 || cr.password() == null) {
            throw invalid();
        }
        Instant start = clock.now();
        if (address != null && db.read(c -> addressFailures(c, address, start)) >= LoginBackoff.ADDRESS_LIMIT) {
            throw new AuthenticationException("throttled", "Quá nhiều lần đăng nhập sai từ địa chỉ này; vui lòng thử lại sau ít phút.");
        }
        Optional<Account> found = db.read(c -> account(c, username, false));
        char[] password = cr.password();
        String otp = cr.otp();
        // ssh has one password field: an enrolled administrator types the 6-digit code right after the password
        if (cr.channel() == Credentials.Channel.SHELL && found.map(Account::totpEnabled).orElse(false) && password.length > 6) {
            otp = new String(password, password.length - 6, 6);
            password = Arrays.copyOf(password, password.length - 6);
        }
        // no pooled connection is held while hashing; unknown users are hashed too (no timing oracle)
        boolean passwordOk = hashing.verify(password, found.map(Account::hash).orElse(null)) && found.isPresent();
        String code = otp;
        Outcome outcome = db.tx(c -> {
            Instant now = clock.now();
            Optional<Account> locked = found.isPresent() ? account(c, username, true) : Optional.empty();
            if (locked.isEmpty() || !locked.get().usable()) {
                failure(c, null, new Typed(username, locked.map(Account::id).orElse(null)), address, "unknown-or-disabled", now);
                return Outcome.refused(invalid());
            }
            Account a = locked.get();
            Typed typed = new Typed(username, a.id());
            if (a.lockedUntil() != null && a.lockedUntil().isAfter(now)) {
                failure(c, null, typed, address, "locked-out", now);
                return Outcome.refused(invalid());
            }
            if (!passwordOk) {
                failure(c, a, typed, address, "wrong-password", now);
                return Outcome.refused(invalid());
            }
            if (a.totpEnabled()) {
                if (code == null || code.isBlank()) {
                    // a right password without its code counts like a wrong one until the code follows (the success
                    // then clears the count): guessing passwords through this answer costs as much as through login
                    failure(c, a, typed, address, "otp-required", now);
                    return Outcome.refused(new AuthenticationException("otp-required",
                            "Nhập mã xác thực 6 chữ số từ ứng dụng xác thực."));
                }
                OptionalLong step = Totp.verify(totpSecrets.open(a.id(), a.totpSecret()), code.strip(), now, a.totpLastStep());
                if (step.isEmpty()) {
                    failure(c, a, typed, address, "wrong-otp", now);
                    return Outcome.refused(invalid());
                }
                Db.update(c, "UPDATE account.person SET totp_last_step = ? WHERE id = ?", step.getAsLong(), a.id());
            }
            if (a.totpEnabled() || !Callers.isAdministrator(c, a.id(), now) || cr.channel() != Credentials.Channel.SHELL) {
                return new Outcome(success(c, a, cr.channel(), address, now), null);
            }
            // the shell has no enrolment screen
            failure(c, null, typed, address, "shell-without-second-factor", now);
            return Outcome.refused(new AuthenticationException("otp-required",
                    "Quản trị viên cần đăng ký xác thực hai lớp trên giao diện web (/console) trước khi dùng shell."));
        });
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.opened();
    }

    private Opened success(Connection c, Account a, Credentials.Channel channel, String address, Instant now)
            throws SQLException {
        Db.update(c, "UPDATE account.person SET failed_logins = 0, locked_until = NULL WHERE id = ?", a.id());
        List<UUID> agencies = Callers.agencies(c, a.id(), now);
        UUID agency = agencies.isEmpty() ? null : agencies.get(0);
        Duration idle = Callers.isAdministrator(c, a.id(), now) ? IDLE_ADMIN : IDLE;
        UUID sessionId = Ids.newId();
        String token = channel == Credentials.Channel.API ? null : randomToken();
        String refresh = channel == Credentials.Channel.API ? randomToken() : null;
        Instant expires = now.plus(ABSOLUTE);
        Db.update(c, "INSERT INTO account.session (id, person_id, agency_id, channel, token_hash, created_at,"
                + " last_seen_at, idle_seconds, expires_at, remote_address) VALUES (?,?,?,?,?,?,?,?,?,?)", sessionId, a.id(),
                agency, channel.name().toLowerCase(Locale.ROOT), token == null ? null : hash("session:", token),
                now, now, (int) idle.toSeconds(), expires, address);
        if (refresh != null) {
            RefreshTokens.first(c, sessionId, hash("refresh:", refresh), now);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("channel", channel.name().toLowerCase(Locale.ROOT));
        p.put("remoteAddress", address == null ? "" : address);
        journal.append(c, new JournalDraft(agency == null ? Ids.NO_AGENCY : agency, a.username(), "account.login",
                a.id().toString(), p));
        return new Opened(sessionId, token, refresh, Callers.caller(c, a.person(), agency, now), expires);
    }

    /**
     * What was typed as a username: journaled only when it names an account (subject), since a name that
     * is no account is often a password typed into the wrong field.
     */
    private record Typed(String username, UUID account) {
        String actor() {
            return account == null || username.isEmpty() ? "anonymous" : username;
        }
    }

    /** Counts a failure against the account (lock-out with back-off) and the address (throttling). */
    private void failure(Connection c, Account a, Typed typed, String address, String why, Instant now) throws SQLException {
        if (a != null) {
            int failures = a.failures() + 1;
            Duration lock = LoginBackoff.lockFor(failures);
            Db.update(c, "UPDATE account.person SET failed_logins = ?, locked_until = ? WHERE id = ?", failures,
                    lock.isZero() ? null : now.plus(lock), a.id());
        }
        if (address != null) {
            Db.update(c, "INSERT INTO account.address_failure (address, window_start, failures) VALUES (?, ?, 1)"
                    + " ON CONFLICT (address) DO UPDATE SET failures = CASE WHEN account.address_failure.window_start < ?"
                    + " THEN 1 ELSE account.address_failure.failures + 1 END, window_start = CASE WHEN"
                    + " account.address_failure.window_start < ? THEN excluded.window_start ELSE account.address_failure.window_start END",
                    address, now, now.minus(LoginBackoff.ADDRESS_WINDOW), now.minus(LoginBackoff.ADDRESS_WINDOW));
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("reason", why);
        p.put("remoteAddress", address == null ? "" : address);
        journal.append(c, new JournalDraft(Ids.NO_AGENCY, typed.actor(), "account.login-failed",
                typed.account() == null ? null : typed.account().toString(), p));
    }

    private static int addressFailures(Connection c, String address, Instant now) throws SQLException {
        return Db.one(c, "SELECT failures FROM account.address_failure WHERE address = ? AND window_start >= ?",
                rs -> rs.getInt(1), address, now.minus(LoginBackoff.ADDRESS_WINDOW)).orElse(0);
    }

    private static Optional<Account> account(Connection c, String username, boolean forUpdate) throws SQLException {
        return Db.one(c, "SELECT id, username, full_name, password_hash, must_change, totp_enabled, totp_secret, totp_last_step,"
                + " active AND NOT locked AND password_hash IS NOT NULL AS usable, failed_logins, locked_until"
                + " FROM account.person WHERE lower(username) = ?" + (forUpdate ? " FOR UPDATE" : ""),
                rs -> new Account(Db.uuid(rs, "id"), rs.getString("username"), rs.getString("full_name"),
                        rs.getString("password_hash"), rs.getBoolean("must_change"), rs.getBoolean("totp_enabled"),
                        rs.getString("totp_secret"), rs.getLong("totp_last_step"), rs.getBoolean("usable"),
                        rs.getInt("failed_logins"), Db.instant(rs, "locked_until")), username);
    }

    static AuthenticationException invalid() {
        return new AuthenticationException("invalid-credentials",
                "Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng, hoặc tài khoản đang tạm khóa.");
    }

    // --- sessions ----------------------------------------------------------------------------------

    /**
     * Exchanges a refresh token for a new pair. The session row is locked while its family rotates, so two
     * refreshes with one token cannot both succeed; any spent token of the family presented again (theft,
     * or a client replaying an old one) ends the session.
     */
    public Tokens refresh(String refreshToken) throws AuthenticationException {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            throw invalid();
        }
        String h = hash("refresh:", refreshToken);
        Optional<Tokens> t = db.tx(c -> {
            Instant now = clock.now();
            Optional<RefreshTokens.Presented> presented = RefreshTokens.present(c, h);
            if (presented.isEmpty()) {
                return Optional.<Tokens>empty();
            }
            UUID session = presented.get().session();
            if (presented.get().spent()) {
                Optional<String> who = Db.one(c, "UPDATE account.session s SET revoked_at = ?, revoked_reason = 'refresh-reuse'"
                        + " FROM account.person p WHERE s.id = ? AND p.id = s.person_id AND s.revoked_at IS NULL RETURNING p.username",
                        rs -> rs.getString(1), now, session);
                if (who.isPresent()) {
                    journal.append(c, new JournalDraft(Ids.NO_AGENCY, who.get(), "account.refresh-reuse", session.toString(),
                            Map.of("generation", presented.get().generation())));
                }
                return Optional.<Tokens>empty();
            }
            Optional<Caller> caller = live(c, "s.id = ?", session, now);
            if (caller.isEmpty()) {
                return Optional.<Tokens>empty();
            }
            String next = randomToken();
            RefreshTokens.rotate(c, presented.get(), hash("refresh:", next), now);
            Db.update(c, "UPDATE account.session SET last_seen_at = ? WHERE id = ?", now, session);
            return Optional.of(tokens(session, caller.get(), next));
        });
        return t.orElseThrow(AccountAuthenticator::invalid);
    }

    @Override
    public Optional<Caller> resolve(String token) {
        if (token == null || token.isBlank() || token.length() > 2000) {
            return Optional.empty();
        }
        Instant now = clock.now();
        if (AccessTokens.looksSigned(token)) {
            Optional<UUID> session = signingKeys.session(token, now);
            return session.isEmpty() ? Optional.empty() : db.read(c -> live(c, "s.id = ?", session.get(), now));
        }
        return db.read(c -> live(c, "s.token_hash = ?", hash("session:", token), now));
    }

    /** The caller of a session that is neither revoked, expired, idle too long, nor of a locked person. */
    private Optional<Caller> live(Connection c, String where, Object key, Instant now) throws SQLException {
        record Row(UUID session, UUID agency, Instant lastSeen, Callers.Person person) {
        }
        Optional<Row> row = Db.one(c, "SELECT s.id AS sid, s.agency_id, s.last_seen_at, p.id, p.username, p.full_name,"
                + " p.must_change, p.totp_enabled FROM account.session s JOIN account.person p ON p.id = s.person_id"
                + " WHERE " + where + " AND s.revoked_at IS NULL AND s.expires_at > ?"
                + " AND s.last_seen_at + make_interval(secs => s.idle_seconds) > ?"
                + " AND p.active AND NOT p.locked AND (p.locked_until IS NULL OR p.locked_until <= ?)",
                (ResultSet rs) -> new Row(Db.uuid(rs, "sid"), Db.uuid(rs, "agency_id"), Db.instant(rs, "last_seen_at"),
                        Callers.person(rs)), key, now, now, now);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        if (r.lastSeen().isBefore(now.minus(TOUCH_EVERY))) {
            Db.update(c, "UPDATE account.session SET last_seen_at = ? WHERE id = ?", now, r.session());
        }
        return Optional.of(Callers.caller(c, r.person(), r.agency(), now));
    }

    @Override
    public void logout(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        Instant now = clock.now();
        Optional<UUID> signed = AccessTokens.looksSigned(token) ? signingKeys.session(token, now) : Optional.empty();
        db.tx(c -> {
            Optional<Map.Entry<UUID, String>> s = signed.isPresent()
                    ? Db.one(c, "SELECT id, (SELECT username FROM account.person WHERE id = person_id) AS u FROM account.session"
                            + " WHERE id = ? AND revoked_at IS NULL", rs -> Map.entry(Db.uuid(rs, "id"), rs.getString("u")), signed.get())
                    : Db.one(c, "SELECT id, (SELECT username FROM account.person WHERE id = person_id) AS u FROM account.session"
                            + " WHERE token_hash = ? AND revoked_at IS NULL", rs -> Map.entry(Db.uuid(rs, "id"), rs.getString("u")),
                            hash("session:", token));
            if (s.isPresent()) {
                Db.update(c, "UPDATE account.session SET revoked_at = ?, revoked_reason = 'logout' WHERE id = ?", now, s.get().getKey());
                journal.append(c, new JournalDraft(Ids.NO_AGENCY, s.get().getValue(), "account.logout", s.get().getKey().toString(),
                        Map.of()));
            }
            return null;
        });
    }

    /** Switches the agency a session acts for, to one where the person holds a current grant. */
    public Caller switchAgency(Caller caller, String token, UUID agency) {
        Check.present(agency, "agencyId");
        Instant now = clock.now();
        return db.tx(c -> {
            if (!Callers.agencies(c, caller.userId(), now).contains(agency)) {
                throw Check.notFound("cơ quan bạn có quyền", "agency you hold a role in");
            }
            Optional<UUID> signed = AccessTokens.looksSigned(token) ? signingKeys.session(token, now) : Optional.empty();
            int n = signed.isPresent() ? Db.update(c, "UPDATE account.session SET agency_id = ? WHERE id = ?", agency, signed.get())
                    : Db.update(c, "UPDATE account.session SET agency_id = ? WHERE token_hash = ?", agency, hash("session:", token));
            if (n != 1) {
                throw ProblemException.forbidden();
            }
            journal.append(c, new JournalDraft(agency, caller.username(), "account.agency-switched", caller.userId().toString(),
                    Map.of()));
            Callers.Person p = Db.one(c, "SELECT id, username, full_name, must_change, totp_enabled FROM account.person WHERE id = ?",
                    Callers::person, caller.userId()).orElseThrow();
            return Callers.caller(c, p, agency, now);
        });
    }

    @Override
    public Optional<Caller> callerFor(String username) {
        Instant now = clock.now();
        return db.read(c -> {
            Optional<Callers.Person> p = Callers.person(c, username);
            if (p.isEmpty()) {
                return Optional.<Caller>empty();
            }
            List<UUID> agencies = Callers.agencies(c, p.get().id(), now);
            return Optional.of(Callers.caller(c, p.get(), agencies.isEmpty() ? null : agencies.get(0), now));
        });
    }

    // --- password and second factor ----------------------------------------------------------------

    @Override
    public void changePassword(Caller caller, char[] oldPassword, char[] newPassword) throws AuthenticationException {
        changePassword(caller, oldPassword, newPassword, null);
    }

    /**
     * Changes the caller's password. A wrong current password counts toward lock-out like a failed login
     * (a stolen session must not become a password-guessing door) and toward the address's throttle.
     */
    @Override
    public void changePassword(Caller caller, char[] oldPassword, char[] newPassword, String address)
            throws AuthenticationException {
        Optional<PasswordPolicy.Violation> v = policy.check(newPassword, caller.username(), caller.fullName());
        if (v.isPresent()) {
            throw new AuthenticationException("weak-password", v.get().vi());
        }
        if (Arrays.equals(oldPassword, newPassword)) {
            throw new AuthenticationException("weak-password", "Mật khẩu mới phải khác mật khẩu cũ.");
        }
        String username = caller.username().toLowerCase(Locale.ROOT);
        Instant start = clock.now();
        if (address != null && db.read(c -> addressFailures(c, address, start)) >= LoginBackoff.ADDRESS_LIMIT) {
            throw new AuthenticationException("throttled", "Quá nhiều lần nhập sai mật khẩu từ địa chỉ này; vui lòng thử lại sau ít phút.");
        }
        Account a = db.read(c -> account(c, username, false)).orElseThrow(AccountAuthenticator::invalid);
        boolean lockedOut = a.lockedUntil() != null && a.lockedUntil().isAfter(start);
        if (!hashing.verify(oldPassword, a.hash()) || lockedOut) {
            db.tx(c -> {
                Instant now = clock.now();
                Optional<Account> counted = account(c, username, true);
                failure(c, lockedOut ? null : counted.orElse(null), new Typed(username, a.id()), address,
                        lockedOut ? "locked-out" : "wrong-current-password", now);
                return null;
            });
            throw new AuthenticationException("invalid-credentials", "Mật khẩu hiện tại không đúng.");
        }
        String hash = hashing.hash(newPassword);
        boolean firstAdminSpent = db.tx(c -> {
            Instant now = clock.now();
            Db.update(c, "UPDATE account.person SET password_hash = ?, must_change = false, password_changed_at = ?, updated_at = ?,"
                    + " failed_logins = 0, locked_until = NULL WHERE id = ?", hash, now, now, a.id());
            AccountService.revokeSessions(c, a.id(), "password-changed", now);
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, a.username(), "account.password-changed", a.id().toString(), Map.of()));
            return Db.one(c, "SELECT 1 FROM account.person WHERE id = ? AND origin = 'first-admin'", rs -> 1, a.id()).isPresent();
        });
        if (firstAdminSpent) {
            firstAdmin.oneTimePasswordSpent();
        }
    }

    /** Starts (or restarts, while unconfirmed) TOTP enrolment: a new secret to put into an authenticator app. */
    public Map<String, String> startTotp(Caller caller) {
        String secret = Totp.newSecret();
        return db.tx(c -> {
            boolean enabled = Db.one(c, "SELECT totp_enabled FROM account.person WHERE id = ? FOR UPDATE", rs -> rs.getBoolean(1),
                    caller.userId()).orElseThrow(() -> Check.notFound("tài khoản", "user"));
            if (enabled) {
                throw ProblemException.conflict("totp-enrolled", "Tài khoản đã có xác thực hai lớp; nhờ quản trị đặt lại nếu mất thiết bị.",
                        "A second factor is enrolled already; ask an administrator to reset it if the device is lost.");
            }
            Db.update(c, "UPDATE account.person SET totp_secret = ?, updated_at = ? WHERE id = ?",
                    totpSecrets.seal(caller.userId(), secret), clock.now(), caller.userId());
            String issuer = "Chidao";
            Map<String, String> out = new LinkedHashMap<>();
            out.put("secret", secret);
            out.put("issuer", issuer);
            out.put("uri", Totp.uri(issuer, caller.username(), secret));
            return out;
        });
    }

    /** Confirms enrolment with a first code from the app; from then on every login needs a code. */
    public void confirmTotp(Caller caller, String code) {
        db.tx(c -> {
            Instant now = clock.now();
            Account a = account(c, caller.username().toLowerCase(Locale.ROOT), true).orElseThrow(() -> Check.notFound("tài khoản", "user"));
            if (a.totpEnabled() || a.totpSecret() == null) {
                throw ProblemException.conflict("totp-not-pending", "Chưa bắt đầu đăng ký xác thực hai lớp, hoặc đã đăng ký xong.",
                        "No second-factor enrolment is pending.");
            }
            OptionalLong step = Totp.verify(totpSecrets.open(a.id(), a.totpSecret()), code == null ? "" : code.strip(), now,
                    a.totpLastStep());
            if (step.isEmpty()) {
                throw ProblemException.badRequest("invalid-otp", "Mã xác thực không đúng; kiểm tra đồng hồ của điện thoại và thử lại.",
                        "Wrong code; check the phone's clock and retry.");
            }
            Db.update(c, "UPDATE account.person SET totp_enabled = true, totp_last_step = ?, updated_at = ? WHERE id = ?",
                    step.getAsLong(), now, a.id());
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, a.username(), "account.totp-enrolled", a.id().toString(), Map.of()));
            return null;
        });
    }

    /** An administrator clears a lost second factor; the person enrols again at next login. */
    public void resetTotp(Caller caller, UUID person) {
        db.tx(c -> {
            if (!caller.hasRole(vn.chidao.platform.api.Roles.SYSTEM_ADMIN) || person.equals(caller.userId())) {
                throw ProblemException.forbidden();
            }
            if (Db.update(c, "UPDATE account.person SET totp_enabled = false, totp_secret = NULL, updated_at = ? WHERE id = ?",
                    clock.now(), person) != 1) {
                throw Check.notFound("tài khoản", "user");
            }
            AccountService.revokeSessions(c, person, "totp-reset", clock.now());
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, caller.username(), "account.totp-reset", person.toString(), Map.of()));
            return null;
        });
    }

    static String randomToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String hash(String purpose, String token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest((purpose + token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
