package vn.chidao.platform.api;

/** Role names as they appear in grants, tokens, {@code @RolesAllowed} and Karaf's JAAS roles. */
public final class Roles {
    /** Văn thư. */
    public static final String CLERK = "clerk";
    /** Lãnh đạo. */
    public static final String LEADER = "leader";
    /** Chuyên viên. */
    public static final String SPECIALIST = "specialist";
    /** Quản trị cơ quan. */
    public static final String AGENCY_ADMIN = "agency-admin";
    /** Quản trị hệ thống (provincial IT); also Karaf's {@code admin} role. */
    public static final String SYSTEM_ADMIN = "system-admin";

    private Roles() {
    }
}
