package vn.chidao.itests.karaf;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.ds.PGSimpleDataSource;

import vn.chidao.itests.support.TestDatabase;

/**
 * Tampering done behind the system's back (probe side): SQL on the suite's database as the PostgreSQL
 * superuser, with triggers off ({@code session_replication_role = replica}), i.e. what someone holding
 * the superuser password could do. The node itself connects as the owner role and cannot.
 */
final class BehindTheBack {

    private BehindTheBack() {
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute(statement);
        }
    }

    private static Connection connect() throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {TestDatabase.PORT}); // a constant: the probe never loads TestDatabase
        ds.setDatabaseName("chidao");
        ds.setUser("postgres"); // the test cluster trusts local connections
        return ds.getConnection();
    }
}
