package io.closedloop.reporting.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.events.EventJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Rebuilds as jobs: {@link #start} records the job and returns at once; a thread of this replica runs the rebuild and
 * writes its progress into the job at most once a second, so any replica can answer how far it is. One job runs at a
 * time (a unique index says so). A job whose replica stopped reporting for {@link #ABANDONED_AFTER} is shown as
 * abandoned, and the next start closes it as failed.
 */
@ApplicationScoped
public class RebuildJobs {

    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(RebuildJobs.class);
    private static final ObjectMapper JSON = EventJson.mapper();

    /** Records read and to read in one topic. */
    public record TopicProgress(long read, long total) {
    }

    private final ReadModelRebuild rebuild;
    private final ReadModel readModel;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "read-model-rebuild");
        t.setDaemon(true);
        return t;
    });

    RebuildJobs(ReadModelRebuild rebuild, ReadModel readModel, Clock clock) {
        this.rebuild = rebuild;
        this.readModel = readModel;
        this.clock = clock;
    }

    /** Keeps a running job's heartbeat while it reports nothing else (the bulk steps after the topics are read). */
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "read-model-rebuild-heartbeat");
        t.setDaemon(true);
        return t;
    });

    void onStop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
        heartbeat.shutdownNow();
    }

    /**
     * Records a rebuild into {@code schema} and starts it.
     *
     * @throws IllegalArgumentException when the schema is the live one
     * @throws IllegalStateException    naming the job, when another rebuild is running
     */
    public RebuildJob start(String schema, boolean makeLive, String requestedBy) {
        ReadModel.checked(schema);
        if (schema.equals(readModel.live())) {
            throw new IllegalArgumentException("Schema " + schema + " is the live one; rebuild into another");
        }
        RebuildJob job = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            RebuildJob.update("state = ?1, finishedAt = ?2, error = ?3 where state = ?4 and updatedAt < ?5",
                    RebuildJob.State.FAILED, now, "Abandoned: the replica running it stopped reporting",
                    RebuildJob.State.RUNNING, now.minus(ABANDONED_AFTER));
            RebuildJob running = RebuildJob.<RebuildJob>find("state", RebuildJob.State.RUNNING).firstResult();
            if (running != null) {
                throw new IllegalStateException(running.id.toString());
            }
            RebuildJob created = new RebuildJob();
            created.id = UUID.randomUUID();
            created.schema = schema;
            created.makeLive = makeLive;
            created.state = RebuildJob.State.RUNNING;
            created.requestedBy = requestedBy;
            created.startedAt = now;
            created.updatedAt = now;
            created.progress = "{}";
            created.persist();
            return created;
        });
        runner.submit(() -> run(job.id, schema, makeLive));
        return job;
    }

    private void run(UUID id, String schema, boolean makeLive) {
        long[] lastReport = {0};
        AtomicReference<Map<String, Long>> totals = new AtomicReference<>(Map.of());
        ScheduledFuture<?> beating = heartbeat.scheduleWithFixedDelay(() -> beat(id),
                REPORT_EVERY.toSeconds() * 10, REPORT_EVERY.toSeconds() * 10, TimeUnit.SECONDS);
        try {
            ReadModelRebuild.Result result = rebuild.rebuild(schema, makeLive, (read, total) -> {
                totals.set(total);
                long now = System.nanoTime();
                if (now - lastReport[0] >= REPORT_EVERY.toNanos()) {
                    lastReport[0] = now;
                    report(id, progress(read, total), null, null);
                }
            });
            report(id, progress(result.recordsPerTopic(), totals.get()), RebuildJob.State.SUCCEEDED, null);
            LOG.infof("Rebuild %s into %s done: %d records in %d ms", id, schema, result.records(), result.millis());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Rebuild %s into %s failed", id, schema);
            report(id, null, RebuildJob.State.FAILED, String.valueOf(e.getMessage()));
        } finally {
            beating.cancel(false);
        }
    }

    private void beat(UUID id) {
        try {
            QuarkusTransaction.requiringNew().run(() -> RebuildJob.update("updatedAt = ?1 where id = ?2", clock.instant(), id));
        } catch (RuntimeException e) {
            // The next beat, or the job's own report, tries again.
            LOG.debugf(e, "Heartbeat of rebuild %s not written", id);
        }
    }

    /** Per topic, what was read of what there was to read; a topic read but not counted at the start reads as 0 to read. */
    private static Map<String, TopicProgress> progress(Map<String, Long> read, Map<String, Long> total) {
        Map<String, TopicProgress> progress = new LinkedHashMap<>();
        total.forEach((topic, n) -> progress.put(topic, new TopicProgress(read.getOrDefault(topic, 0L), n)));
        read.forEach((topic, n) -> progress.putIfAbsent(topic, new TopicProgress(n, 0)));
        return progress;
    }

    /** Writes the job's progress (when given), its heartbeat and, with {@code outcome}, its end. */
    private void report(UUID id, Map<String, TopicProgress> progress, RebuildJob.State outcome, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            RebuildJob job = RebuildJob.findById(id);
            Instant now = clock.instant();
            if (progress != null) {
                job.progress = write(progress);
                job.records = progress.values().stream().mapToLong(TopicProgress::read).sum();
            }
            job.updatedAt = now;
            if (outcome != null) {
                job.state = outcome;
                job.finishedAt = now;
                job.error = error;
            }
        });
    }

    static Map<String, TopicProgress> progressOf(RebuildJob job) {
        try {
            return JSON.readValue(job.progress, new TypeReference<LinkedHashMap<String, TopicProgress>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable progress of rebuild " + job.id, e);
        }
    }

    private static String write(Map<String, TopicProgress> progress) {
        try {
            return JSON.writeValueAsString(progress);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
