package io.closedloop.platform.timer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.closedloop.platform.tx.TransactionWrites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Durable timers. {@link #schedule} and {@link #cancel} join the caller's transaction; {@link #fireDue} fires what is
 * due by the injected {@link Clock}, each timer in its own transaction, exactly once however many replicas sweep.
 */
@ApplicationScoped
public class Timers {

    private static final Logger LOG = Logger.getLogger(Timers.class);
    private static final int MAX_ATTEMPTS = 10;

    static final TransactionWrites.Table TABLE = TransactionWrites.Table.of("timer",
            TransactionWrites.Column.of("kind", "text"), TransactionWrites.Column.of("ref", "text"),
            TransactionWrites.Column.of("due_at", "timestamptz"), TransactionWrites.Column.of("payload", "text"));

    /**
     * The soonest due timer nobody holds, unless an earlier live timer of the same ref exists: a ref's timers fire one
     * after the other, in due order, whatever the replicas. Skipping locked rows alone would let a second sweeper pass a
     * lead's reminder that the first is firing and fire the same lead's escalation beside it, and whichever committed
     * first would publish first. An earlier timer that keeps failing is put back later, so it stops holding the ref's
     * next one; a parked (dead) one holds nothing.
     */
    private static final String CLAIM_NEXT_DUE = """
            SELECT id, kind, ref, due_at, payload, attempts FROM timer t
            WHERE t.due_at <= ?1 AND t.dead_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM timer e WHERE e.ref = t.ref AND e.dead_at IS NULL
                                AND (e.due_at, e.id) < (t.due_at, t.id))
            ORDER BY t.due_at, t.id LIMIT 1 FOR UPDATE OF t SKIP LOCKED""";

    private final EntityManager entityManager;
    private final TransactionWrites writes;
    private final Clock clock;
    private final Map<String, TimerHandler> handlers = new HashMap<>();
    private final Counter fired;
    private final Counter failed;

    Timers(EntityManager entityManager, TransactionWrites writes, Clock clock, @Any Instance<TimerHandler> handlers,
           MeterRegistry registry) {
        this.entityManager = entityManager;
        this.writes = writes;
        this.clock = clock;
        for (TimerHandler handler : handlers) {
            TimerHandler previous = this.handlers.put(handler.kind(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for timer kind " + handler.kind());
            }
        }
        this.fired = Counter.builder("closedloop.timers.fired").description("Timers fired").register(registry);
        this.failed = Counter.builder("closedloop.timers.failures")
                .description("Timer firings that failed and were put back with backoff").register(registry);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(String kind, String ref, Instant dueAt, String payload) {
        if (!handlers.containsKey(kind)) {
            throw new IllegalArgumentException("No handler for timer kind " + kind);
        }
        writes.insert(TABLE, kind, ref, dueAt, payload);
    }

    /**
     * Cancels the timers of {@code ref} of the given kinds (all kinds when none is given): those scheduled before, and
     * those scheduled earlier in this transaction. Written with the transaction's other derived rows.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(String ref, String... kinds) {
        java.util.Set<String> cancelled = java.util.Set.of(kinds);
        writes.forget(TABLE, row -> ref.equals(row[1]) && (cancelled.isEmpty() || cancelled.contains((String) row[0])));
        if (kinds.length == 0) {
            writes.delete(TABLE, List.of("ref"), ref);
            return;
        }
        for (String kind : cancelled) {
            writes.delete(TABLE, List.of("ref", "kind"), ref, kind);
        }
    }

    /** The pending timers of {@code ref}, soonest first: for views and tests. */
    @Transactional
    public List<DueTimer> pending(String ref) {
        writes.flush();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = timerSql("""
                SELECT id, kind, ref, due_at, payload, attempts FROM timer
                WHERE ref = ?1 AND dead_at IS NULL ORDER BY due_at, id""").setParameter(1, ref).getResultList();
        return rows.stream().map(Timers::row).toList();
    }

    /** Fires up to {@code max} due timers; returns how many fired. */
    public int fireDue(int max) {
        int count = 0;
        while (count < max && fireOne()) {
            count++;
        }
        return count;
    }

    private boolean fireOne() {
        Instant now = clock.instant();
        DueTimer[] current = new DueTimer[1];
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = timerSql(CLAIM_NEXT_DUE)
                        .setParameter(1, Timestamp.from(now)).getResultList();
                if (rows.isEmpty()) {
                    return false;
                }
                DueTimer timer = row(rows.getFirst());
                current[0] = timer;
                TimerHandler handler = handlers.get(timer.kind());
                if (handler == null) {
                    throw new IllegalStateException("No handler for timer kind " + timer.kind());
                }
                handler.fire(timer);
                timerSql("DELETE FROM timer WHERE id = ?1").setParameter(1, timer.id()).executeUpdate();
                fired.increment();
                return true;
            });
        } catch (Exception e) {
            if (current[0] == null) {
                throw new IllegalStateException("Timers cannot be read: " + e.getMessage(), e);
            }
            putBack(current[0], e, now);
            return true;
        }
    }

    /**
     * A statement on the timer table, which no entity maps. Declaring it as the statement's only table keeps Hibernate
     * from flushing the whole persistence context before it runs (what it does for a native statement it knows
     * nothing about): a consumer applying a batch of events in one transaction schedules and cancels timers for each,
     * and every flush dirty-checked every entity of the batch — most of feedback-service's CPU under load.
     */
    private jakarta.persistence.Query timerSql(String sql) {
        return entityManager.createNativeQuery(sql).unwrap(org.hibernate.query.NativeQuery.class)
                .addSynchronizedQuerySpace("timer");
    }

    private void putBack(DueTimer timer, Exception failure, Instant now) {
        failed.increment();
        int attempts = timer.attempts() + 1;
        boolean dead = attempts >= MAX_ATTEMPTS;
        Duration backoff = Duration.ofSeconds(Math.min(3600, 1L << Math.min(attempts, 12)));
        LOG.warnf(failure, "Timer %d (%s for %s) failed, attempt %d%s", timer.id(), timer.kind(), timer.ref(), attempts,
                dead ? "; parked for an operator" : "; retried in " + backoff.toSeconds() + " s");
        QuarkusTransaction.requiringNew().run(() -> timerSql("""
                        UPDATE timer SET attempts = ?2, last_error = ?3, due_at = ?4, dead_at = ?5 WHERE id = ?1""")
                .setParameter(1, timer.id()).setParameter(2, attempts)
                .setParameter(3, String.valueOf(failure.getMessage()))
                .setParameter(4, Timestamp.from(now.plus(backoff)))
                .setParameter(5, dead ? Timestamp.from(now) : null)
                .executeUpdate());
    }

    private static DueTimer row(Object[] r) {
        Instant due = r[3] instanceof Timestamp t ? t.toInstant() : (Instant) r[3];
        return new DueTimer(((Number) r[0]).longValue(), (String) r[1], (String) r[2], due, (String) r[4],
                ((Number) r[5]).intValue());
    }

    /** Kinds with a handler, for diagnostics. */
    public List<String> kinds() {
        return Arrays.asList(handlers.keySet().toArray(String[]::new));
    }
}
