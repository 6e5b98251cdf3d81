package io.closedloop.reporting.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rebuild job as the API shows it: where it stands, how fast it goes and how long it has left. */
@Schema(name = "Rebuild")
public record RebuildView(
        @Schema(required = true) UUID id,
        @Schema(required = true, description = "The schema being filled") String schema,
        @Schema(required = true, description = "Whether the schema serves the read models once filled") boolean live,
        @Schema(required = true, description = "ABANDONED: RUNNING, but its replica stopped reporting progress") RebuildJob.State state,
        @Schema(required = true) String requestedBy,
        @Schema(required = true) Instant startedAt,
        @Schema(required = true, description = "When progress was last reported") Instant updatedAt,
        Instant finishedAt,
        @Schema(required = true, description = "Per topic: records read, and records there were to read at the start")
        Map<String, RebuildJobs.TopicProgress> topics,
        @Schema(required = true) long recordsRead,
        @Schema(required = true, description = "Records read per second since the start") double recordsPerSecond,
        @Schema(description = "At the current rate; absent once finished or before the first records") Long secondsLeft,
        @Schema(description = "Why it failed") String error) {

    static RebuildView of(RebuildJob job, Instant now) {
        Map<String, RebuildJobs.TopicProgress> topics = RebuildJobs.progressOf(job);
        RebuildJob.State state = job.state == RebuildJob.State.RUNNING
                && job.updatedAt.isBefore(now.minus(RebuildJobs.ABANDONED_AFTER)) ? RebuildJob.State.ABANDONED : job.state;
        Instant until = job.finishedAt != null ? job.finishedAt : job.updatedAt;
        double seconds = Math.max(0.001, Duration.between(job.startedAt, until).toMillis() / 1000.0);
        double rate = job.records / seconds;
        long left = topics.values().stream().mapToLong(t -> Math.max(0, t.total() - t.read())).sum();
        Long secondsLeft = state == RebuildJob.State.RUNNING && rate > 0 ? (long) Math.ceil(left / rate) : null;
        return new RebuildView(job.id, job.schema, job.makeLive, state, job.requestedBy, job.startedAt, job.updatedAt,
                job.finishedAt, topics, job.records, Math.round(rate * 10) / 10.0, secondsLeft, job.error);
    }
}
