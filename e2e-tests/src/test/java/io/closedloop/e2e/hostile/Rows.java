package io.closedloop.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.closedloop.stack.PostgresServer;
import io.closedloop.stack.Suite;

/** What "nothing stored" is checked against. */
final class Rows {

    private Rows() {
    }

    /** Every table of every schema of the three databases (the reporting read models too), with its row count. */
    static Map<String, Long> count(Suite suite) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (String service : Suite.SERVICES) {
            String database = Suite.database(service);
            try (Connection c = DriverManager.getConnection(suite.postgres().jdbcUrl(database), PostgresServer.SUPERUSER, "");
                 Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
                        + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                        rs.next();
                        counts.put(database + ":" + table, rs.getLong(1));
                    }
                }
            }
        }
        assertThat(counts).hasSizeGreaterThan(20);
        return counts;
    }
}
