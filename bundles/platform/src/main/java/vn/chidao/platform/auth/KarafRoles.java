package vn.chidao.platform.auth;

import java.util.List;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Roles;

/**
 * The Karaf roles a Chidao account holds in the shell and over JMX, decided in one place so that the
 * login and the re-check of open sessions ({@link ShellSessionGuard}) agree.
 */
final class KarafRoles {

    /** Karaf's own roles: every command scope and every MBean. */
    static final List<String> SYSTEM_ADMIN = List.of("admin", "manager", "viewer", "systembundles", "ssh");
    /** ssh, and only the commands the ACL files open to agency administrators (their agency's chidao:*). */
    static final List<String> AGENCY_ADMIN = List.of(Roles.AGENCY_ADMIN, "ssh");

    /** How the login came in (Karaf's {@code ClientPrincipal} method): JMX is for system administrators only. */
    static final String JMX = "jmx";

    private KarafRoles() {
    }

    /** The roles for the caller on that door; empty: not let in (nor kept in). */
    static List<String> of(Caller caller, String door) {
        if (caller.mustChangePassword()) {
            return List.of();
        }
        if (caller.hasRole(Roles.SYSTEM_ADMIN)) {
            return SYSTEM_ADMIN;
        }
        return caller.hasRole(Roles.AGENCY_ADMIN) && !JMX.equals(door) ? AGENCY_ADMIN : List.of();
    }
}
