package vn.chidao.embeddeddb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * The role the application connects as: it owns the Chidao database and every module schema (so the
 * migrations extender can create schemas, trusted extensions, collations and text search
 * configurations), but it is not a superuser and can create neither roles nor databases. Every method
 * runs on a superuser connection and is idempotent, so an interrupted provisioning simply runs again.
 */
public final class OwnerRole {

    private static final String NAME = "[a-z_][a-z0-9_]{0,62}";

    private OwnerRole() {
    }

    /** Creates the login role, or brings an existing one back to exactly these attributes and password. */
    public static void ensure(Connection superuser, String role, String password) throws SQLException {
        String r = checked(role);
        boolean exists = exists(superuser, "SELECT 1 FROM pg_roles WHERE rolname = ?", r);
        try (Statement s = superuser.createStatement()) {
            s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + r
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT");
        }
        // the SCRAM verifier is computed here: the password itself never travels in SQL text or server logs
        superuser.unwrap(PGConnection.class).alterUserPassword(r, password.toCharArray(), "scram-sha-256");
    }

    /** The database, created for the role (UTF-8, Vietnamese ICU ordering) or handed over to it. */
    public static void ensureDatabase(Connection superuser, String database, String role) throws SQLException {
        String db = checked(database);
        String r = checked(role);
        boolean exists = exists(superuser, "SELECT 1 FROM pg_database WHERE datname = ?", db);
        try (Statement s = superuser.createStatement()) {
            if (exists) {
                s.execute("ALTER DATABASE " + db + " OWNER TO " + r);
            } else {
                s.execute("CREATE DATABASE " + db + " OWNER " + r + " TEMPLATE template0 ENCODING 'UTF8'"
                        + " LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN' LOCALE 'C'");
            }
        }
    }

    /**
     * Hands every object the connected superuser owns in the module schemas (all but {@code public}
     * and the system ones) over to the role: schemas, tables with their indexes and identity
     * sequences, views, free sequences, functions, types, domains, collations and text search
     * configurations. Installs made before issue 13 ran their migrations as the superuser. Extension
     * members stay with the superuser (as when a database owner creates a trusted extension).
     * Returns how many objects changed owner; one transaction.
     */
    public static int transferOwnership(Connection superuserInDatabase, String role) throws SQLException {
        String r = checked(role);
        List<String> statements = new ArrayList<>();
        boolean autoCommit = superuserInDatabase.getAutoCommit();
        superuserInDatabase.setAutoCommit(false);
        try {
            try (PreparedStatement ps = superuserInDatabase.prepareStatement(OWNED_BY_ME)) {
                for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                    ps.setString(i, r);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        statements.add(rs.getString(1));
                    }
                }
            }
            try (Statement s = superuserInDatabase.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            superuserInDatabase.commit();
        } catch (SQLException | RuntimeException e) {
            superuserInDatabase.rollback();
            throw e;
        } finally {
            superuserInDatabase.setAutoCommit(autoCommit);
        }
        return statements.size();
    }

    /** ALTER ... OWNER TO statements for what current_user owns in module schemas ($1 = the new owner). */
    private static final String OWNED_BY_ME = """
            WITH me AS (SELECT oid FROM pg_roles WHERE rolname = current_user),
                 s AS (SELECT oid, nspname, nspowner FROM pg_namespace
                       WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')),
                 ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e')
            SELECT format('ALTER SCHEMA %I OWNER TO %I', s.nspname, $1) FROM s, me WHERE s.nspowner = me.oid
            UNION ALL
            SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                          WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END,
                          c.oid::regclass, $1)
              FROM pg_class c JOIN s ON s.oid = c.relnamespace, me
             WHERE c.relowner = me.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
               AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
               -- a sequence owned by a column moves with its table
               AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                        AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
            UNION ALL
            SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1)
              FROM pg_proc p JOIN s ON s.oid = p.pronamespace, me
             WHERE p.proowner = me.oid
               AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
            UNION ALL
            SELECT format('ALTER %s %s OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                          t.oid::regtype, $1)
              FROM pg_type t JOIN s ON s.oid = t.typnamespace, me
             WHERE t.typowner = me.oid AND t.typtype IN ('b', 'd', 'e', 'r') AND t.typrelid = 0
               AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
               AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
            UNION ALL
            SELECT format('ALTER COLLATION %I.%I OWNER TO %I', s.nspname, co.collname, $1)
              FROM pg_collation co JOIN s ON s.oid = co.collnamespace, me
             WHERE co.collowner = me.oid
               AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_collation'::regclass AND ext.objid = co.oid)
            UNION ALL
            SELECT format('ALTER TEXT SEARCH CONFIGURATION %I.%I OWNER TO %I', s.nspname, cfg.cfgname, $1)
              FROM pg_ts_config cfg JOIN s ON s.oid = cfg.cfgnamespace, me
             WHERE cfg.cfgowner = me.oid
               AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_ts_config'::regclass AND ext.objid = cfg.oid)
            UNION ALL
            SELECT format('ALTER TEXT SEARCH DICTIONARY %I.%I OWNER TO %I', s.nspname, d.dictname, $1)
              FROM pg_ts_dict d JOIN s ON s.oid = d.dictnamespace, me
             WHERE d.dictowner = me.oid
               AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_ts_dict'::regclass AND ext.objid = d.oid)
            """.replace("$1", "?::text");

    private static String checked(String name) {
        if (!name.matches(NAME)) {
            throw new IllegalArgumentException("Not a plain PostgreSQL name: " + name);
        }
        return name;
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
