package vn.chidao.account.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.Roles;

/**
 * Builds the {@link Caller} of a person acting for an agency, from the grants valid now: roles there
 * (plus system-admin wherever granted), and the agencies whose data they may see — their own and its
 * predecessors (merged or split away), and for leaders the whole subtree below.
 */
final class Callers {

    private Callers() {
    }

    record Person(UUID id, String username, String fullName, boolean mustChange, boolean totpEnabled) {
    }

    static Set<String> roles(Connection c, UUID person, UUID agency, Instant now) throws SQLException {
        return new LinkedHashSet<>(Db.list(c, "SELECT DISTINCT role FROM account.role_grant WHERE person_id = ?"
                + " AND revoked_at IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
                + " AND (agency_id IS NULL OR agency_id = ?) ORDER BY role", rs -> rs.getString(1), person, now, now, agency));
    }

    /** Agencies where the person holds a current grant, the earliest granted first. */
    static List<UUID> agencies(Connection c, UUID person, Instant now) throws SQLException {
        return Db.list(c, "SELECT agency_id FROM account.role_grant WHERE person_id = ? AND agency_id IS NOT NULL"
                + " AND revoked_at IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
                + " GROUP BY agency_id ORDER BY min(granted_at), agency_id", rs -> Db.uuid(rs, "agency_id"), person, now, now);
    }

    static boolean isAdministrator(Connection c, UUID person, Instant now) throws SQLException {
        return Db.one(c, "SELECT 1 FROM account.role_grant WHERE person_id = ? AND role IN ('system-admin', 'agency-admin')"
                + " AND revoked_at IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)", rs -> 1, person, now, now)
                .isPresent();
    }

    /**
     * The caller acting for the agency, if a grant there is current; a session whose grant ended (its
     * {@code validTo} passed, or it was revoked or moved away by a merge) acts for no agency from then on,
     * so it loses that agency's roles and data at once, not at its next login.
     */
    static Caller caller(Connection c, Person p, UUID sessionAgency, Instant now) throws SQLException {
        Set<String> roles = roles(c, p.id(), sessionAgency, now);
        boolean holdsThere = roles.stream().anyMatch(AccountService.AGENCY_ROLES::contains);
        UUID agency = holdsThere ? sessionAgency : null;
        if (!holdsThere) {
            roles.retainAll(Set.of(Roles.SYSTEM_ADMIN));
        }
        Set<UUID> visible = new LinkedHashSet<>();
        if (agency != null && !agency.equals(Ids.NO_AGENCY)) {
            Set<UUID> own = roles.contains(Roles.LEADER) ? AgencyService.subtree(c, agency) : Set.of(agency);
            visible.addAll(AgencyService.withPredecessors(c, own));
        }
        // administrators must finish setup (second factor) before anything else, like a one-time password
        boolean setup = p.mustChange() || (!p.totpEnabled() && isAdministrator(c, p.id(), now));
        return new Caller(p.id(), p.username(), p.fullName(), agency == null ? Ids.NO_AGENCY : agency, roles, visible, setup);
    }

    static Optional<Person> person(Connection c, String username) throws SQLException {
        return Db.one(c, "SELECT id, username, full_name, must_change, totp_enabled FROM account.person"
                + " WHERE lower(username) = lower(?) AND active AND NOT locked", Callers::person, username);
    }

    static Person person(java.sql.ResultSet rs) throws SQLException {
        return new Person(Db.uuid(rs, "id"), rs.getString("username"), rs.getString("full_name"), rs.getBoolean("must_change"),
                rs.getBoolean("totp_enabled"));
    }
}
