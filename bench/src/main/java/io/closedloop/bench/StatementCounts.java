package io.closedloop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.closedloop.stack.PostgresServer;
import io.closedloop.stack.Suite;

/**
 * What one request path costs in round trips to PostgreSQL, read from {@code pg_stat_statements} of the service's
 * database: reset, run the path N times, read every top-level statement's calls (what the service sent; not the
 * foreign-key checks PostgreSQL runs inside them). The service's own background work shares the
 * database and is told apart by its statements — the outbox relay (one transaction per lane lock), the timer sweep
 * and the cleanups — and so are their transactions' commits; what remains is the path's own statements and commits.
 */
final class StatementCounts {

    /** One normalised statement and how often it ran. */
    record Row(String query, long calls) {

        String kind() {
            String q = query.strip().toUpperCase(Locale.ROOT);
            if (q.startsWith("BEGIN") || q.startsWith("START TRANSACTION")) {
                return "begin";
            }
            if (q.startsWith("COMMIT") || q.startsWith("ROLLBACK")) {
                return "end";
            }
            if (RELAY_TRANSACTION.matcher(query).find()) {
                return "relay-transaction";
            }
            if (RELAY.matcher(query).find()) {
                return "relay";
            }
            if (BACKGROUND_TRANSACTION.matcher(query).find()) {
                return "background-transaction";
            }
            if (FOREIGN_KEY_CHECK.matcher(query).find()) {
                return "internal";
            }
            if (q.startsWith("SET LOCAL PLAN_CACHE_MODE")) {
                // platform's GenericPlans: sent in one string with a statement of its transaction, no round trip
                return "internal";
            }
            return "path";
        }
    }

    /** The relay's first statement: one per relay transaction. */
    private static final Pattern RELAY_TRANSACTION = Pattern.compile("FROM outbox_lane", Pattern.CASE_INSENSITIVE);
    private static final Pattern RELAY = Pattern.compile(
            "FROM outbox_event WHERE lane|DELETE FROM outbox_event|count\\(\\*\\).*FROM outbox_event", Pattern.CASE_INSENSITIVE);
    /**
     * PostgreSQL's own check of a foreign key, which pg_stat_statements lists as top-level when the key is deferred to
     * the commit: no round trip of the service's.
     */
    private static final Pattern FOREIGN_KEY_CHECK = Pattern.compile("^SELECT (1|\\$\\d+) FROM ONLY .* FOR KEY SHARE OF x$",
            Pattern.CASE_INSENSITIVE);
    /** Each in a transaction of its own: the timer sweep's claim, the cleanups. */
    private static final Pattern BACKGROUND_TRANSACTION = Pattern.compile(
            "SKIP LOCKED|make_interval|pg_stat_statements", Pattern.CASE_INSENSITIVE);

    /** The path's statements per request, its commits included, BEGIN excluded (it travels with the first). */
    record PerRequest(double roundTrips, double relayBatches, double relayStatementsPerBatch, List<Row> path,
                      long requests) {
    }

    private final String jdbcUrl;

    StatementCounts(PostgresServer postgres, String database) {
        this.jdbcUrl = postgres.jdbcUrl(database);
    }

    void reset() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    List<Row> read() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.SUPERUSER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT query, sum(calls) FROM pg_stat_statements
                     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel
                       AND query NOT LIKE '%pg_stat_statements%'
                     GROUP BY query ORDER BY sum(calls) DESC""")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getLong(2)));
            }
        }
        return rows;
    }

    /** Runs {@code requests} through {@code path} and accounts for what the database did. */
    PerRequest measure(int requests, Work path) throws Exception {
        reset();
        path.run();
        return account(requests);
    }

    /** What the database did since the last {@link #reset()}, per request (or per event a consumer applied). */
    PerRequest account(long requests) throws Exception {
        List<Row> rows = read();
        long relayTransactions = sum(rows, "relay-transaction");
        long backgroundTransactions = sum(rows, "background-transaction");
        // Every transaction's BEGIN is counted, its COMMIT not always: pgjdbc prepares COMMIT on the server after a
        // few uses, and pg_stat_statements does not see a prepared utility statement run again (measured: 5 BEGIN,
        // 1 COMMIT for 5 transactions). pgjdbc sends BEGIN with the first statement and COMMIT only after one, so
        // a transaction's commit is counted by its BEGIN.
        long transactions = sum(rows, "begin");
        long pathStatements = sum(rows, "path");
        long pathCommits = Math.max(0, transactions - relayTransactions - backgroundTransactions);
        long relayStatements = relayTransactions + sum(rows, "relay") + relayTransactions; // lock, work, commit
        List<Row> itemised = new ArrayList<>(rows.stream().filter(r -> r.kind().equals("path")).toList());
        itemised.add(new Row("COMMIT / ROLLBACK (the path's)", pathCommits));
        return new PerRequest((pathStatements + pathCommits) / (double) Math.max(1, requests), relayTransactions,
                relayTransactions == 0 ? 0 : relayStatements / (double) relayTransactions, itemised, requests);
    }

    /**
     * Each service's eight heaviest statements by PostgreSQL's own time since the last reset, per {@code unit} (an
     * acknowledgment, an event read), in a folded table headed {@code title}.
     */
    static void printHeaviest(Suite suite, String title, String unit, long units) throws SQLException {
        System.out.printf("%n<details><summary>%s</summary>%n%n| database | calls per %s | ms per %s | of which planning "
                + "| blocks per call | statement |%n|---|---|---|---|---|---|%n", title, unit, unit);
        for (String service : Suite.SERVICES) {
            try (Connection c = DriverManager.getConnection(suite.postgres().jdbcUrl(Suite.database(service)),
                    PostgresServer.SUPERUSER, "");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("""
                         SELECT query, sum(calls), sum(total_exec_time + total_plan_time), sum(total_plan_time),
                                sum(shared_blks_hit + shared_blks_read)::float8 / greatest(sum(calls), 1) FROM pg_stat_statements
                         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                         GROUP BY query ORDER BY 3 DESC LIMIT 8""")) {
                while (rs.next()) {
                    String query = rs.getString(1).replaceAll("\\s+", " ").replace("|", "\\|");
                    System.out.printf("| %s | %.2f | %.3f | %.3f | %.0f | `%s` |%n", service, rs.getLong(2) / (double) units,
                            rs.getDouble(3) / units, rs.getDouble(4) / units, rs.getDouble(5),
                            query.length() > 120 ? query.substring(0, 117) + "…" : query);
                }
            }
        }
        System.out.printf("%n</details>%n%n");
    }

    private static long sum(List<Row> rows, String kind) {
        return rows.stream().filter(r -> r.kind().equals(kind)).mapToLong(Row::calls).sum();
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
