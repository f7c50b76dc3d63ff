package vn.chidao.platform.migration;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies one module's migrations with Flyway: all pending ones in a single transaction (nothing
 * half-applied), serialised across nodes by Flyway's PostgreSQL advisory lock, idempotent on re-run.
 * Each schema has its own history table.
 */
public final class SchemaMigrator {

    public record Outcome(String version, int applied) {
    }

    private SchemaMigrator() {
    }

    public static String schemaOf(String folder) {
        String f = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        String schema = f.substring(f.lastIndexOf('/') + 1);
        if (!schema.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Migration folder must end in a schema name: " + folder);
        }
        return schema;
    }

    public static Outcome migrate(DataSource dataSource, ClassLoader classLoader, String folder) {
        String schema = schemaOf(folder);
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(classLoader);
        try {
            MigrateResult result = Flyway.configure(classLoader)
                    .dataSource(dataSource)
                    .locations("classpath:" + folder)
                    .schemas(schema)
                    .createSchemas(true)
                    .group(true)
                    .mixed(false)
                    .validateMigrationNaming(true)
                    .load()
                    .migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : result.initialSchemaVersion;
            return new Outcome(version, result.migrationsExecuted);
        } finally {
            current.setContextClassLoader(previous);
        }
    }
}
