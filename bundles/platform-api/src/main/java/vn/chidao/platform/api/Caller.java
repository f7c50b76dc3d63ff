package vn.chidao.platform.api;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the authenticated user, the agency they act for, their roles there, and the
 * agencies whose data they may see. Every query of every module is scoped with this.
 */
public record Caller(UUID userId, String username, String fullName, UUID agencyId, Set<String> roles,
                     Set<UUID> visibleAgencies, boolean mustChangePassword) {

    /** The platform itself, for work no person asked for (migrations, consumers, seeds). */
    public static final Caller SYSTEM = new Caller(new UUID(0, 0), "system", "Hệ thống", Ids.NO_AGENCY,
            Set.of(Roles.SYSTEM_ADMIN), Set.of(), false);

    public Caller {
        roles = Set.copyOf(roles);
        visibleAgencies = Set.copyOf(visibleAgencies);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... wanted) {
        for (String r : wanted) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    public boolean canSee(UUID agency) {
        return hasRole(Roles.SYSTEM_ADMIN) || agency.equals(agencyId) || visibleAgencies.contains(agency);
    }
}
