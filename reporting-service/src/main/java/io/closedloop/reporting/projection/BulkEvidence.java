package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import javax.sql.DataSource;

import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.Activities;
import io.closedloop.reporting.evidence.Trust;
import io.closedloop.reporting.projection.PersonDayCounters.Counter;

/**
 * The second half of a rebuild's evidence: from the records {@link EvidenceStaging} streamed in, the read model the
 * live path would have built, set-wise, each step one statement over the whole table.
 * <ol>
 *   <li>The first copy of each record (source, id) counts, as on the live path: later copies are looked for among the
 *       keys staging flagged as possibly seen before ({@link SeenKeys}), not among every record.</li>
 *   <li>What each record counts for ({@link Activities}): a record no other source reported alongside (same person,
 *       customer and kind) is alone in its activity, and was staged with what it counts for alone; the groups with
 *       several sources are read in order and grouped in Java, the one place the rule is written, and what their
 *       records count for replaces what was staged.</li>
 *   <li>The evidence rows inserted with no index to maintain; beside them, on a second connection, the person-day
 *       counters the records count for, summed per person and day and added in one statement, with no index either.
 *       Then both tables' indexes built, each in one pass, by whichever connection is free ({@link IndexBuilds}).</li>
 *   <li>Every day with claimed contacts matched once ({@link ClaimMatching#matchAll}).</li>
 * </ol>
 * The staging tables are unlogged and dropped at the end; the schema is not live until switched, so a step that
 * fails leaves nothing anyone reads.
 */
final class BulkEvidence {

    private static final String FIELDS = EvidenceProjection.RECORD_COLUMNS;
    /** The staged records, once only their first copies are left. */
    private static final String FIRST = EvidenceStaging.TABLE;
    private static final String GROUPED = "evidence_grouped";
    private static final int FLUSH_CHARS = 64 * 1024;

    private final Connection c;
    private final DataSource dataSource;
    private final String schema;
    private final ReportingConfig config;
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private long repeated;
    private long grouped;

    private BulkEvidence(Connection c, DataSource dataSource, String schema, ReportingConfig config) {
        this.c = c;
        this.dataSource = dataSource;
        this.schema = ReadModel.checked(schema);
        this.config = config;
    }

    /**
     * Builds the evidence read model of {@code schema} from its staging table, on {@code c}; other connections of
     * {@code dataSource} write the groups of several sources while {@code c} reads them, and add the person-day counters
     * while {@code c} inserts the evidence rows. {@code repeated}: how many staged rows are flagged as possibly repeating
     * an earlier key. How long each step took.
     */
    static Map<String, Long> complete(Connection c, DataSource dataSource, String schema, ReportingConfig config,
                                      long repeated) throws SQLException {
        BulkEvidence bulk = new BulkEvidence(c, dataSource, schema, config);
        bulk.repeated = repeated;
        bulk.withMemory(bulk::run);
        return bulk.millis;
    }

    /** Runs {@code work} with PostgreSQL's memory for the sorts, hashes and index builds of this connection raised. */
    private void withMemory(Step work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET work_mem = '64MB'");
            s.execute("SET maintenance_work_mem = '128MB'");
            work.run();
        } finally {
            try (Statement s = c.createStatement()) {
                // Only these two: RESET ALL would also undo what the driver set for itself (its encoding, DateStyle).
                s.execute("RESET work_mem");
                s.execute("RESET maintenance_work_mem");
            }
        }
    }

    private void run() throws SQLException {
        // The first copy of each record counts: later copies are deleted. A later copy's key is always flagged as
        // possibly repeated, so only the flagged keys' records are grouped, found by hashing (no sort of every record).
        if (repeated > 0) {
            step("first copies", () -> execute("DELETE FROM " + schema + "." + FIRST + " l USING (SELECT source, external_id, "
                    + "min(seq) AS first FROM " + schema + "." + FIRST + " WHERE (source, external_id) IN (SELECT source, "
                    + "external_id FROM " + schema + "." + FIRST + " WHERE repeated) GROUP BY source, external_id "
                    + "HAVING count(*) > 1) d WHERE l.source = d.source AND l.external_id = d.external_id AND l.seq > d.first"));
        }
        execute("CREATE UNLOGGED TABLE " + schema + "." + GROUPED + " (source text NOT NULL, external_id text NOT NULL, "
                + "first_verified boolean NOT NULL, first_logged boolean NOT NULL, won_confirmed boolean NOT NULL)");
        step("activities of several sources", this::groupSeveralSources);
        if (grouped > 0) {
            execute("ANALYZE " + schema + "." + FIRST + ", " + schema + "." + GROUPED);
        }
        // Not vacuumed while they fill: autovacuum would work on rows still arriving and hold up each CREATE INDEX
        // until it gives way (deadlock_timeout). Analysed at the end, vacuumed as usual from then on.
        execute("ALTER TABLE " + schema + ".evidence SET (autovacuum_enabled = false)");
        execute("ALTER TABLE " + schema + ".person_day SET (autovacuum_enabled = false)");
        // Two branches that share nothing but what they read, side by side on two connections: the evidence rows here,
        // the person-day counters on the other; then each builds indexes of either table until none is left. Each index
        // build already has PostgreSQL's parallel workers; what runs beside it is other work, not more of the same.
        step("evidence and counters, side by side", () -> {
            IndexBuilds indexes = new IndexBuilds();
            try (Connection other = dataSource.getConnection()) {
                BulkEvidence counters = on(other);
                Beside beside = Beside.start("rebuild-counters", () -> counters.withMemory(() -> {
                    counters.counters(indexes);
                    counters.step("indexes, counters' connection", () -> counters.build(indexes));
                }));
                try {
                    rows(indexes);
                    step("indexes, rows' connection", () -> build(indexes));
                } catch (SQLException | RuntimeException e) {
                    beside.joinAfter(e);
                    throw e;
                }
                beside.join();
                millis.putAll(counters.millis);
            }
            for (String key : indexes.keys()) {
                execute(key);
            }
        });
        step("claim matching", () -> ClaimMatching.matchAll(c, schema, config));
        execute("DROP TABLE " + schema + "." + FIRST + ", " + schema + "." + GROUPED);
        execute("ANALYZE " + schema + ".evidence, " + schema + ".person_day");
        execute("ALTER TABLE " + schema + ".evidence RESET (autovacuum_enabled)");
        execute("ALTER TABLE " + schema + ".person_day RESET (autovacuum_enabled)");
    }

    /** This rebuild's work continued on {@code other}: the same schema, and the groups of several sources found here. */
    private BulkEvidence on(Connection other) {
        BulkEvidence continued = new BulkEvidence(other, dataSource, schema, config);
        continued.grouped = grouped;
        return continued;
    }

    /** The evidence rows inserted with no index to maintain; their indexes then wait in {@code indexes}. */
    private void rows(IndexBuilds indexes) throws SQLException {
        step("evidence rows", () -> {
            List<IndexBuilds.Index> dropped = dropIndexes("evidence");
            execute("INSERT INTO " + schema + ".evidence (" + FIELDS + ", first_verified, first_logged, won_confirmed) "
                    + "SELECT " + prefixed("f.", FIELDS) + ", " + flags("first_verified", "first_logged", "won_confirmed")
                    + " FROM " + counted());
            indexes.add(dropped);
        });
    }

    /**
     * The person-day counters added with no index to maintain, their indexes then waiting in {@code indexes}: the
     * days other models wrote are found by hashing (analysed, so the planner knows how many there are), not through
     * the key's index, which, maintained row by row as 365,000 days were added, cost more than building it after.
     */
    private void counters(IndexBuilds indexes) throws SQLException {
        step("person-day counters", () -> {
            execute("ANALYZE " + schema + ".person_day");
            List<IndexBuilds.Index> dropped = dropIndexes("person_day");
            addCounters();
            indexes.add(dropped);
        });
    }

    /** Builds the indexes waiting in {@code indexes}, one at a time, until none is left. */
    private void build(IndexBuilds indexes) throws SQLException {
        for (String index = indexes.next(); index != null; index = indexes.next()) {
            execute(index);
        }
    }

    /** The records (f) with what the groups of several sources count for (g, absent for a record alone). */
    private String counted() {
        if (grouped == 0) {
            // Nothing to join: a planner without statistics on an empty table sorted every record to merge with it.
            return schema + "." + FIRST + " f LEFT JOIN (SELECT NULL::boolean AS first_verified, NULL::boolean AS "
                    + "first_logged, NULL::boolean AS won_confirmed) g ON false";
        }
        return schema + "." + FIRST + " f LEFT JOIN " + schema + "." + GROUPED + " g "
                + "ON g.source = f.source AND g.external_id = f.external_id";
    }

    /** first_verified, first_logged and won_confirmed of a counted() row, named as given: its group's, else as staged. */
    private static String flags(String verified, String logged, String won) {
        return "coalesce(g.first_verified, f.first_verified) AS " + verified + ", "
                + "coalesce(g.first_logged, f.first_logged) AS " + logged + ", "
                + "coalesce(g.won_confirmed, f.won_confirmed) AS " + won;
    }

    /** Groups the records of the person-customer-kind groups with several sources, as the live path does. */
    private void groupSeveralSources() throws SQLException {
        if (!severalSources()) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Connection writer = dataSource.getConnection();
             PreparedStatement read = c.prepareStatement("SELECT f.source, f.external_id, f.occurred_at, f.trust, "
                     + "coalesce(f.outcome = 'WON', false), f.person_id, f.customer_ref, f.kind FROM " + schema + "." + FIRST
                     + " f WHERE f.counts AND (f.person_id, f.customer_ref, f.kind) IN (SELECT person_id, customer_ref, kind "
                     + "FROM " + schema + "." + FIRST + " WHERE counts GROUP BY 1, 2, 3 HAVING min(source) <> max(source)) "
                     + "ORDER BY f.person_id, f.customer_ref, f.kind")) {
            CopyText rows = CopyText.open(writer, "COPY " + schema + "." + GROUPED + " FROM STDIN", FLUSH_CHARS);
            read.setFetchSize(10_000);
            try (ResultSet rs = read.executeQuery()) {
                List<Activities.Member> group = new ArrayList<>();
                String groupKey = null;
                ActivityKind kind = null;
                while (rs.next()) {
                    String key = rs.getString(6) + '\u0000' + rs.getString(7) + '\u0000' + rs.getString(8);
                    if (!key.equals(groupKey)) {
                        grouped(group, kind, rows);
                        group.clear();
                        groupKey = key;
                        kind = ActivityKind.valueOf(rs.getString(8));
                    }
                    group.add(new Activities.Member(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            Trust.valueOf(rs.getString(4)), rs.getBoolean(5)));
                    rows.flushIfFull();
                }
                grouped(group, kind, rows);
            }
            rows.close();
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Whether the counted records come from more than one source at all: if not, every record is alone. */
    private boolean severalSources() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + schema + "."
                + FIRST + " WHERE counts AND source <> (SELECT source FROM " + schema + "." + FIRST + " WHERE counts LIMIT 1))")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void grouped(List<Activities.Member> group, ActivityKind kind, CopyText rows) {
        if (group.isEmpty()) {
            return;
        }
        Map<String, Activities.Counts> counts = Activities.group(group, EvidenceProjection.window(config, kind));
        for (Activities.Member m : group) {
            Activities.Counts counted = counts.get(m.key());
            rows.value(m.source()).value(m.externalId()).value(counted.firstVerified()).value(counted.firstLogged())
                    .value(counted.wonConfirmed()).endRow();
            grouped++;
        }
    }

    /**
     * Adds what every record counts for to its person's day, in one statement (the live path adds it per batch): the
     * days other models already wrote are updated, the others inserted — not an upsert, whose speculative insertion of
     * every row cost a fifth more (3.9–4.1 against 3.2–3.4 s for 359,000 days of the benchmark's shape).
     */
    private void addCounters() throws SQLException {
        Map<Counter, String> sums = new LinkedHashMap<>();
        for (ActivityKind kind : ActivityKind.values()) {
            sums.put(EvidenceProjection.verifiedCounter(kind), "count(*) FILTER (WHERE fv AND kind = '" + kind.name() + "')");
            sums.put(EvidenceProjection.loggedCounter(kind), "count(*) FILTER (WHERE fl AND kind = '" + kind.name() + "')");
        }
        sums.put(Counter.WON_CONFIRMED, "count(*) FILTER (WHERE wc)");
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        StringJoiner added = new StringJoiner(", ");
        sums.forEach((counter, sum) -> {
            columns.add(counter.column());
            values.add(sum);
            added.add(counter.column() + " = p." + counter.column() + " + s." + counter.column());
        });
        // Nothing else writes the schema while it is rebuilt: what the update did not find, the insert adds.
        execute("WITH sums (person_id, day, " + columns + ") AS MATERIALIZED (SELECT person_id, day, " + values
                + " FROM (SELECT f.person_id, f.day, f.kind, " + flags("fv", "fl", "wc") + " FROM " + counted()
                + ") r WHERE fv OR fl OR wc GROUP BY person_id, day), "
                + "existing AS (UPDATE " + schema + ".person_day p SET " + added + " FROM sums s "
                + "WHERE p.person_id = s.person_id AND p.day = s.day RETURNING p.person_id, p.day) "
                + "INSERT INTO " + schema + ".person_day (person_id, day, " + columns + ") SELECT * FROM sums s "
                + "WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.person_id = s.person_id AND e.day = s.day)");
    }

    /**
     * Drops the indexes of {@code table} (of the schema), keys included, and says how to build each again: a primary
     * key or unique constraint as its unique index, then attached to the constraint again ({@link IndexBuilds}).
     */
    private List<IndexBuilds.Index> dropIndexes(String table) throws SQLException {
        List<IndexBuilds.Index> rebuild = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT i.relname, pg_get_indexdef(i.oid), k.conname, k.contype "
                + "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid "
                + "WHERE x.indrelid = ?::regclass")) {
            s.setString(1, schema + "." + table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String constraint = rs.getString(3);
                    if (constraint == null) {
                        drop.add("DROP INDEX " + schema + "." + rs.getString(1));
                        rebuild.add(new IndexBuilds.Index(rs.getString(2), null));
                    } else {
                        String kind = switch (rs.getString(4)) {
                            case "p" -> "PRIMARY KEY";
                            case "u" -> "UNIQUE";
                            default -> throw new IllegalStateException("Constraint " + constraint + " of " + table
                                    + " is neither a key nor unique: not dropped for the load");
                        };
                        drop.add("ALTER TABLE " + schema + "." + table + " DROP CONSTRAINT " + constraint);
                        rebuild.add(new IndexBuilds.Index(rs.getString(2), "ALTER TABLE " + schema + "." + table
                                + " ADD CONSTRAINT " + constraint + " " + kind + " USING INDEX " + rs.getString(1)));
                    }
                }
            }
        }
        for (String statement : drop) {
            execute(statement);
        }
        return rebuild;
    }

    private static String prefixed(String prefix, String columns) {
        StringJoiner joined = new StringJoiner(", ");
        for (String column : columns.split(",\\s*")) {
            joined.add(prefix + column);
        }
        return joined.toString();
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws SQLException;
    }

    private void step(String name, Step step) throws SQLException {
        long started = System.nanoTime();
        step.run();
        millis.put(name, (System.nanoTime() - started) / 1_000_000);
    }
}
