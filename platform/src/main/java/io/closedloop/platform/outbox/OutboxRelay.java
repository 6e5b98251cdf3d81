package io.closedloop.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.closedloop.platform.tx.JdbcTransactions;
import io.agroal.api.AgroalDataSource;
import io.closedloop.events.CloudEventHeaders;
import io.closedloop.events.WireInstants;
import io.closedloop.platform.config.PlatformConfig;
import io.closedloop.platform.kafka.EventProducer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka, at least once and in order per key, then deletes them.
 *
 * <p>One relay transaction, two round trips: one statement locks every lane no other replica holds
 * ({@code FOR UPDATE SKIP LOCKED} on the lane rows) and deletes the oldest rows of those lanes, returning them; they
 * are sent in id order, and once the broker acknowledged every one, the transaction commits. A failure anywhere rolls
 * back: the rows come back and are sent again (consumers drop the duplicates by event id). The lanes stay locked until
 * then, so no other replica sends a later event of the same key first. The relay is woken right after a transaction
 * that wrote events commits, and otherwise looks every {@code closedloop.outbox.poll-interval} for rows another
 * replica left (one that crashed, or whose lane was locked when it was woken). Two transactions start at least
 * {@code closedloop.outbox.batch-gap} apart, so that under load each carries several commits' events.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration STATS_INTERVAL = Duration.ofSeconds(5);

    private static final String CLAIM_BATCH = """
            WITH lanes AS (SELECT lane FROM outbox_lane FOR UPDATE SKIP LOCKED),
                 batch AS (SELECT id FROM outbox_event WHERE lane IN (SELECT lane FROM lanes) ORDER BY id LIMIT ?)
            DELETE FROM outbox_event o USING batch WHERE o.id = batch.id
            RETURNING o.id, o.event_id, o.topic, o.event_key, o.event_type, o.subject, o.occurred_at, o.payload""";
    private static final String STATS = """
            SELECT count(*), coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0) FROM outbox_event""";

    private final AgroalDataSource dataSource;
    private final EventProducer producer;
    private final PlatformConfig.Outbox config;
    private final String source;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Counter failures;
    private final Timer batchTimer;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    private volatile boolean running;
    private volatile Thread thread;
    private volatile long lastStatsAt;

    OutboxRelay(AgroalDataSource dataSource, EventProducer producer, PlatformConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.config = config.outbox();
        this.source = "/" + config.serviceName();
        this.published = Counter.builder("closedloop.outbox.published")
                .description("Events the outbox relay published to Kafka").register(registry);
        this.failures = Counter.builder("closedloop.outbox.publish.failures")
                .description("Relay transactions rolled back because the broker or the database failed").register(registry);
        this.batchTimer = Timer.builder("closedloop.outbox.batch")
                .description("Time to publish and delete one batch of outbox rows").register(registry);
        Gauge.builder("closedloop.outbox.backlog", backlog, AtomicLong::get)
                .description("Events written but not yet published").baseUnit("events").register(registry);
        Gauge.builder("closedloop.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .description("Age of the oldest unpublished event").baseUnit("seconds").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.warn("Outbox relay disabled (closedloop.outbox.relay-enabled=false): events are written, not published");
            return;
        }
        running = true;
        Thread t = new Thread(this::run, "outbox-relay");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(config.sendTimeout().toMillis() + 2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks the relay to look at the outbox now rather than at its next poll. Cheap; never blocks. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Whether the relay thread is alive (or deliberately disabled). */
    public boolean isAlive() {
        return !config.relayEnabled() || (thread != null && thread.isAlive());
    }

    public long backlog() {
        return backlog.get();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        boolean failing = false;
        long gapNanos = config.batchGap().toNanos();
        long lastStart = System.nanoTime() - gapNanos;
        while (running) {
            try {
                waitOutGap(lastStart, gapNanos);
                lastStart = System.nanoTime();
                int sent = publishBatch();
                if (failing) {
                    LOG.info("Outbox relay recovered: publishing again");
                    failing = false;
                }
                backoff = FIRST_BACKOFF;
                refreshStatsIfDue();
                if (sent < config.batchSize()) {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.increment();
                if (!failing) {
                    LOG.warnf("Outbox relay cannot publish (%s); events stay in the outbox and are retried", e.toString());
                    failing = true;
                } else {
                    LOG.debugf(e, "Outbox relay still failing");
                }
                refreshStatsQuietly();
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            }
        }
    }

    /** Holds the next transaction back until {@code gapNanos} after the last one started (the batch gap). */
    private static void waitOutGap(long lastStart, long gapNanos) throws InterruptedException {
        long left = lastStart + gapNanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** One relay transaction. Returns how many events it published. */
    int publishBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return JdbcTransactions.inTransaction(connection, () -> publishBatch(connection));
        }
    }

    private int publishBatch(Connection connection) throws Exception {
        long started = System.nanoTime();
        List<Claimed> batch = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_BATCH)) {
            claim.setInt(1, config.batchSize());
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    batch.add(new Claimed(rs.getLong("id"), record(rs)));
                }
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        // RETURNING gives the rows in no particular order; the broker must get them in the order they were written.
        batch.sort(java.util.Comparator.comparingLong(Claimed::id));
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Claimed claimed : batch) {
            acks.add(producer.get().send(claimed.record()));
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        producer.get().flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        published.increment(batch.size());
        batchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return batch.size();
    }

    private record Claimed(long id, ProducerRecord<String, byte[]> record) {
    }

    private ProducerRecord<String, byte[]> record(ResultSet rs) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, rs.getObject("event_id").toString());
        header(headers, CloudEventHeaders.SOURCE, source);
        String type = rs.getString("event_type");
        header(headers, CloudEventHeaders.TYPE, type);
        header(headers, CloudEventHeaders.TIME, WireInstants.format(rs.getTimestamp("occurred_at").toInstant()));
        String subject = rs.getString("subject");
        if (subject != null) {
            header(headers, CloudEventHeaders.SUBJECT, subject);
        }
        header(headers, CloudEventHeaders.DATA_SCHEMA, CloudEventHeaders.dataSchema(type));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        return new ProducerRecord<>(rs.getString("topic"), null, rs.getString("event_key"),
                rs.getString("payload").getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void refreshStatsIfDue() throws SQLException {
        long now = System.nanoTime();
        if (now - lastStatsAt < STATS_INTERVAL.toNanos()) {
            return;
        }
        lastStatsAt = now;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement stats = connection.prepareStatement(STATS);
             ResultSet rs = stats.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
            oldestAgeMillis.set(Math.round(rs.getDouble(2) * 1000));
        }
    }

    private void refreshStatsQuietly() {
        try {
            refreshStatsIfDue();
        } catch (SQLException e) {
            LOG.debugf("Outbox statistics unavailable: %s", e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Backs off without being cut short by new writes, which would only hammer a broker that is down. */
    private void sleep(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
