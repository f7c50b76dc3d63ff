package vn.chidao.platform.api;

/**
 * Registered by the platform once a module's migrations have been applied, with the service property
 * {@value #SCHEMA_PROPERTY} = the module's schema. A module's components reference it
 * ({@code target = "(chidao.schema=registry)"}) so that they only start on a ready schema: a failed
 * migration therefore leaves the module without endpoints.
 */
public interface SchemaReady {
    String SCHEMA_PROPERTY = "chidao.schema";

    String schema();

    /** Highest applied migration version. */
    String version();
}
