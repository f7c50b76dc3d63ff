package vn.chidao.platform.api;

/**
 * A module as listed by the module catalogue. A bundle announces itself with the manifest header
 * {@value #HEADER} ({@code Chidao-Module: registry}); its REST base is {@code /api/v1/<name>} and its
 * console screens, when it has any, are under {@code /console/m/<name>/}.
 */
public record ModuleInfo(String name, String version, String bundle, String restBase, String consoleEntry,
                         String state, String detail) {

    public static final String HEADER = "Chidao-Module";
    /** Manifest header naming the folder of the bundle's SQL migrations, e.g. {@code db/registry}. */
    public static final String MIGRATIONS_HEADER = "Chidao-Migrations";
}
