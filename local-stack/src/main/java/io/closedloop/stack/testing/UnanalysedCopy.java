package io.closedloop.stack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A copy of one of a service's tables, indexes included, in the connection's temporary schema — which the search path
 * reads before the service's own, so the service's statements run against it unchanged. Autovacuum never analyses a
 * temporary table: like a table younger than its first ANALYZE (after 100,000 changes, for the tables every event
 * changes), it has no column statistics, and a test sees the plans a young installation gets.
 */
public final class UnanalysedCopy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Statement statement;
    private final String table;

    /** @param table a table of the public schema; a name of the test's own, never input */
    public UnanalysedCopy(Connection connection, String table) throws SQLException {
        this.statement = connection.createStatement();
        this.table = table;
        statement.execute("CREATE TEMP TABLE " + table + " (LIKE public." + table + " INCLUDING ALL)");
    }

    /**
     * Runs the insert, then VACUUM, which gives the copy the row and page counts autovacuum's insert threshold would,
     * and checks that no column statistics came with them.
     */
    public void fill(String insert) throws SQLException {
        statement.execute(insert);
        statement.execute("VACUUM " + table);
        try (ResultSet stats = statement.executeQuery("SELECT count(*) FROM pg_stats WHERE schemaname LIKE 'pg_temp%' "
                + "AND tablename = '" + table + "'")) {
            stats.next();
            if (stats.getLong(1) != 0) {
                throw new IllegalStateException("The copy of " + table + " has column statistics");
            }
        }
    }

    /** The copy's size in pages, as VACUUM counted it. */
    public long pages() throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT relpages FROM pg_class WHERE oid = 'pg_temp." + table
                + "'::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The executed plan of a statement written for JDBC (its {@code ?} markers become {@code $1}, {@code $2}, …), prepared
     * by name and run on its generic plan: the one PostgreSQL keeps once it stops planning a prepared statement for each
     * call's values, and the one every consumer batch takes (GenericPlans). {@code EXPLAIN} of a statement with bound
     * parameters would instead plan it for those values.
     *
     * @param parameterTypes the types of the markers, e.g. {@code "text, text"}
     * @param arguments      the arguments as SQL literals, e.g. {@code "'a@example.com'", "NULL"}
     */
    public JsonNode genericPlan(String sql, String parameterTypes, String... arguments) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int marker = 0;
        for (char ch : sql.toCharArray()) {
            numbered.append(ch == '?' ? "$" + ++marker : String.valueOf(ch));
        }
        statement.execute("SET plan_cache_mode = force_generic_plan");
        try {
            statement.execute("PREPARE generic_plan_checked(" + parameterTypes + ") AS " + numbered);
            try (ResultSet rs = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE generic_plan_checked("
                    + String.join(", ", arguments) + ")")) {
                return executedPlan(rs);
            } finally {
                statement.execute("DEALLOCATE generic_plan_checked");
            }
        } finally {
            statement.execute("RESET plan_cache_mode");
        }
    }

    /** The top node of the plan an {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} answered. */
    public static JsonNode executedPlan(ResultSet explained) throws SQLException {
        explained.next();
        try {
            return JSON.readTree(explained.getString(1)).get(0).get("Plan");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pages the statement touched, hit or read, shared or local (a temporary table's); planning not counted. */
    public static long pagesTouched(JsonNode plan) {
        return plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong()
                + plan.get("Local Hit Blocks").asLong() + plan.get("Local Read Blocks").asLong();
    }

    @Override
    public void close() throws SQLException {
        try (statement) {
            statement.execute("DROP TABLE pg_temp." + table);
        }
    }
}
