package io.closedloop.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventJson;
import io.closedloop.events.claim.ClaimSubmitted;
import io.closedloop.platform.inbox.IncomingEvent;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.EvidenceSources;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Consumers of different topics add to the same people's days side by side. Each batch must lock those rows in one
 * order, whatever the order of its events, or two batches deadlock and PostgreSQL breaks the tie only after
 * {@code deadlock_timeout} — a second's stall of both.
 */
@QuarkusTest
class PersonDayLockOrderTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    @Inject
    ReportingConfig config;

    @Inject
    EvidenceSources sources;

    @Test
    void a_batch_locks_its_peoples_days_in_one_order_whatever_the_order_of_its_events() throws Exception {
        // A scratch copy of the table: RebuildTest compares the live schema with a rebuild of the topics.
        String schema = "lock_order_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE SCHEMA " + schema, "CREATE TABLE " + schema + ".person_day (LIKE " + readModel.live()
                + ".person_day INCLUDING ALL)", "INSERT INTO " + schema + ".person_day (person_id, day) VALUES "
                + "('anna', '" + DAY + "'), ('bruno', '" + DAY + "')");
        // This batch's events named Bruno before Anna.
        PersonDayCounters counters = new PersonDayCounters();
        counters.add("bruno", DAY, PersonDayCounters.Counter.ASSIGNED, 1);
        counters.add("anna", DAY, PersonDayCounters.Counter.ASSIGNED, 1);
        try {
            try (Connection other = lockedBeforeBruno(schema, batch -> counters.flush(batch, schema))) {
                assertThat(assigned(other, schema, "anna")).isEqualTo(1);
                assertThat(assigned(other, schema, "bruno")).isEqualTo(1);
            }
        } finally {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * Claims (and their matching) write person-day rows too, after the counters. Written in their own order they could
     * lock a day after a later one, against a batch of another consumer that locks both in the counters' order: the
     * counters' upsert locks every day the batch writes, first and in its order.
     */
    @Test
    void a_batch_of_claims_locks_every_day_it_writes_in_the_counters_order() throws Exception {
        String schema = "rm_lock_order_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection()) {
            readModel.recreate(c, schema);
        }
        execute("INSERT INTO " + schema + ".person_day (person_id, day) VALUES ('anna', '" + DAY + "'), ('bruno', '"
                + DAY + "')");
        ReadModelProjector projector = new ReadModelProjector(config, sources, ReadModelProjector.Observer.NONE);
        // Bruno's report first: the order the claims come in is not the order their days are locked in.
        List<IncomingEvent> claims = List.of(claim("bruno", 3), claim("anna", 5));
        try {
            try (Connection other = lockedBeforeBruno(schema, batch -> projector.apply(batch, schema, claims))) {
                assertThat(claimedCalls(other, schema, "anna")).isEqualTo(5);
                assertThat(claimedCalls(other, schema, "bruno")).isEqualTo(3);
            }
        } finally {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** What a batch does on its connection, in its transaction. */
    private interface BatchWork {
        void run(Connection batch) throws SQLException;
    }

    /**
     * Runs {@code work} and commits while another transaction holds Bruno's day, and checks that once the batch waits
     * for that day it already holds Anna's, the first in the order: whoever holds Bruno's and wants Anna's next then
     * waits for it (and the batch for them: a deadlock) instead of taking it. Returns the other connection, its lock
     * released and the batch committed, to read the outcome on.
     */
    private Connection lockedBeforeBruno(String schema, BatchWork work) throws Exception {
        Connection other = dataSource.getConnection();
        try (Connection batch = dataSource.getConnection(); Connection observer = dataSource.getConnection()) {
            other.setAutoCommit(false);
            batch.setAutoCommit(false);
            update(other, "UPDATE " + schema + ".person_day SET assigned = assigned WHERE person_id = 'bruno'");
            int batchPid = pid(batch);
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                try {
                    work.run(batch);
                    batch.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            waitUntilWaitingForALock(observer, batchPid);

            assertThatThrownBy(() -> update(other, "SELECT 1 FROM " + schema + ".person_day WHERE person_id = 'anna' FOR UPDATE NOWAIT"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));

            other.rollback();
            done.get(10, TimeUnit.SECONDS);
            return other;
        } catch (Exception | AssertionError e) {
            other.close();
            throw e;
        }
    }

    private static IncomingEvent claim(String person, int calls) {
        ClaimSubmitted claim = new ClaimSubmitted(person, DAY, 1, person, Instant.parse("2026-12-01T18:00:00Z"), calls, 0, 0,
                BigDecimal.valueOf(8), BigDecimal.ZERO, List.of());
        return new IncomingEvent(UUID.randomUUID().toString(), "/reporting-service", EventCatalog.CLAIM_SUBMITTED.type(),
                claim.submittedAt(), person, person, EventJson.mapper().valueToTree(claim), "reporting.events", 0, 0);
    }

    private static long claimedCalls(Connection c, String schema, String person) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT claimed_calls FROM " + schema + ".person_day WHERE person_id = '" + person + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** From a connection of its own in autocommit: a transaction sees one snapshot of pg_stat_activity. */
    private static void waitUntilWaitingForALock(Connection observer, int pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement s = observer.createStatement();
                 ResultSet rs = s.executeQuery("SELECT wait_event_type FROM pg_stat_activity WHERE pid = " + pid)) {
                if (rs.next() && "Lock".equals(rs.getString(1))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the batch never waited for Bruno's day");
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long assigned(Connection c, String schema, String person) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT assigned FROM " + schema + ".person_day WHERE person_id = '" + person + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
