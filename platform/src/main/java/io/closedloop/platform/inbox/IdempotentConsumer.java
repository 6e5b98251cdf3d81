package io.closedloop.platform.inbox;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.closedloop.platform.config.PlatformConfig;
import io.closedloop.platform.tx.GenericPlans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Applies a batch of Kafka records exactly once in effect.
 *
 * <ul>
 *   <li>Records that are not CloudEvents, or whose data is not JSON, go straight to the dead-letter topic.</li>
 *   <li>The rest are applied in one transaction that also records every event id in {@code inbox_event}; an id
 *       already there (a redelivery, a duplicate publish) is skipped, so nothing is counted twice.</li>
 *   <li>When the database fails transiently the batch is retried, without limit and with backoff: an outage
 *       delays events, it never loses or dead-letters them.</li>
 *   <li>When a handler fails otherwise, the batch is applied again one event per transaction, and the events that
 *       fail again go to the dead-letter topic. The consumer carries on with the next record.</li>
 * </ul>
 * Offsets are committed only after this returns, so a crash anywhere means redelivery, which the inbox absorbs.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final String CLAIM = """
            INSERT INTO %s (consumer, event_source, event_id)
            SELECT ?, s, i FROM unnest(?::text[], ?::text[]) AS t(s, i)
            ON CONFLICT DO NOTHING
            RETURNING event_source, event_id""";
    private static final String MARK = """
            INSERT INTO %s (consumer, event_source, event_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""";

    private final EntityManager entityManager;
    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final Duration maxBackoff;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    IdempotentConsumer(EntityManager entityManager, DeadLetters deadLetters, MeterRegistry registry,
                       PlatformConfig config) {
        this.entityManager = entityManager;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.maxBackoff = config.consumer().maxBackoff();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * @param consumer names this subscription in the inbox and in metrics; keep it stable across releases
     */
    public void consume(String consumer, ConsumerRecords<String, byte[]> records, EventHandler handler) {
        consume(consumer, records, handler, true);
    }

    /**
     * As {@link #consume(String, ConsumerRecords, EventHandler)}; with {@code deadLetterPoison} false, poison records
     * are only counted and skipped (a replay of topics already consumed must not dead-letter them a second time).
     */
    public void consume(String consumer, ConsumerRecords<String, byte[]> records, EventHandler handler,
                        boolean deadLetterPoison) {
        Meters m = meters.computeIfAbsent(consumer, this::meters);
        List<Candidate> candidates = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            IncomingEvent event;
            try {
                event = EventDecoder.decode(record);
            } catch (PoisonEventException e) {
                if (deadLetterPoison) {
                    deadLetter(consumer, record, e, m);
                } else {
                    m.deadLettered.increment();
                }
                continue;
            }
            if (handler.handles(event.type())) {
                candidates.add(new Candidate(record, event));
            } else {
                m.ignored.increment();
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        try {
            untilNotTransient(() -> apply(consumer, candidates, handler, m));
        } catch (NotTransientException batchFailure) {
            LOG.debugf(batchFailure.getCause(), "Batch of %d events failed for %s; applying them one by one",
                    candidates.size(), consumer);
            for (Candidate candidate : candidates) {
                try {
                    untilNotTransient(() -> apply(consumer, List.of(candidate), handler, m));
                } catch (NotTransientException poison) {
                    if (deadLetterPoison) {
                        deadLetter(consumer, candidate.record(), poison.getCause(), m);
                    }
                    untilNotTransientOrFail(() -> markConsumed(consumer, candidate.event(), handler.inboxTable()));
                }
            }
        }
    }

    private void apply(String consumer, List<Candidate> candidates, EventHandler handler, Meters m) {
        int[] counts = new int[2];
        long started = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            Set<String> fresh = claim(consumer, candidates, handler.inboxTable());
            List<IncomingEvent> toApply = new ArrayList<>(fresh.size());
            for (Candidate candidate : candidates) {
                if (fresh.remove(key(candidate.event().source(), candidate.event().id()))) {
                    toApply.add(candidate.event());
                }
            }
            try {
                handler.handleBatch(toApply);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            counts[0] = toApply.size();
            counts[1] = candidates.size() - toApply.size();
        });
        m.processed.increment(counts[0]);
        m.duplicates.increment(counts[1]);
        m.batch.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        long now = System.currentTimeMillis();
        for (Candidate candidate : candidates) {
            if (candidate.event().time() != null) {
                m.delay.record(Math.max(0, now - candidate.event().time().toEpochMilli()), TimeUnit.MILLISECONDS);
            }
        }
    }

    private Set<String> claim(String consumer, List<Candidate> candidates, String inboxTable) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            String[] sources = new String[candidates.size()];
            String[] ids = new String[candidates.size()];
            for (int i = 0; i < candidates.size(); i++) {
                sources[i] = candidates.get(i).event().source();
                ids[i] = candidates.get(i).event().id();
            }
            Set<String> fresh = new HashSet<>();
            // The batch's handler loads and writes by arrays of keys: its statements take their generic plans.
            try (PreparedStatement claim = connection.prepareStatement(GenericPlans.after(CLAIM.formatted(inboxTable)))) {
                Array sourceArray = connection.createArrayOf("text", sources);
                Array idArray = connection.createArrayOf("text", ids);
                claim.setString(1, consumer);
                claim.setArray(2, sourceArray);
                claim.setArray(3, idArray);
                claim.execute();
                try (ResultSet rs = claim.getResultSet()) {
                    while (rs.next()) {
                        fresh.add(key(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return fresh;
        });
    }

    private void markConsumed(String consumer, IncomingEvent event, String inboxTable) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement mark = connection.prepareStatement(MARK.formatted(inboxTable))) {
                mark.setString(1, consumer);
                mark.setString(2, event.source());
                mark.setString(3, event.id());
                mark.executeUpdate();
            }
        }));
    }

    private void deadLetter(String consumer, ConsumerRecord<String, byte[]> record, Throwable failure, Meters m) {
        LOG.warnf("Dead-lettering record %s/%d@%d for %s: %s", record.topic(), record.partition(), record.offset(),
                consumer, failure.getMessage());
        untilNotTransientOrFail(() -> {
            try {
                deadLetters.send(consumer, record, failure);
            } catch (Exception e) {
                throw new DeadLetterUnavailableException(e);
            }
        });
        m.deadLettered.increment();
    }

    private void untilNotTransient(Runnable action) throws NotTransientException {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                action.run();
                return;
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e) && !(e instanceof DeadLetterUnavailableException)) {
                    throw new NotTransientException(e);
                }
                if (stopping) {
                    throw new IllegalStateException("Shutting down; the batch will be redelivered", e);
                }
                LOG.warnf("Transient failure, retrying in %d ms: %s", backoff.toMillis(), e.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private void untilNotTransientOrFail(Runnable action) {
        try {
            untilNotTransient(action);
        } catch (NotTransientException e) {
            throw new IllegalStateException("Could not record a dead-lettered event: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", e);
        }
    }

    private static String key(String source, String id) {
        return source + '\u0000' + id;
    }

    private Meters meters(String consumer) {
        return new Meters(
                outcome(consumer, "processed"),
                outcome(consumer, "duplicate"),
                outcome(consumer, "ignored"),
                outcome(consumer, "dead_lettered"),
                Timer.builder("closedloop.consumer.batch").tag("consumer", consumer)
                        .description("Time to apply one batch of events in its transaction").register(registry),
                Timer.builder("closedloop.consumer.delay").tag("consumer", consumer)
                        .description("From an event's time to the commit of its effect here")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                        .register(registry));
    }

    private Counter outcome(String consumer, String outcome) {
        return Counter.builder("closedloop.events.consumed").tag("consumer", consumer).tag("outcome", outcome)
                .description("Events read by a consumer, by what became of them").register(registry);
    }

    private record Candidate(ConsumerRecord<String, byte[]> record, IncomingEvent event) {
    }

    private record Meters(Counter processed, Counter duplicates, Counter ignored, Counter deadLettered,
                          Timer batch, Timer delay) {
    }

    private static final class NotTransientException extends Exception {
        NotTransientException(Throwable cause) {
            super(cause);
        }
    }

    /** The dead-letter topic is unreachable: retried like a database outage, never skipped. */
    private static final class DeadLetterUnavailableException extends RuntimeException {
        DeadLetterUnavailableException(Throwable cause) {
            super("Dead-letter topic unavailable: " + cause.getMessage(), cause);
        }
    }
}
