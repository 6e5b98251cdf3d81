package io.closedloop.events.evidence;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An activity confirmed by a source other than the person who did it. Integrators publish these on the
 * {@code evidence} topic (or POST them); the same {@code source} and {@code externalId} twice count once.
 * {@code durationSeconds} is required for a call record, {@code distanceMeters} for a geo check-in. Publish with
 * the record key {@code source + "/" + externalId}, so that copies of one piece of evidence share a partition and the
 * first one read is the same one every time. The sources {@code leads-service}, {@code feedback-service} and
 * {@code reporting-service} are reserved for evidence reporting-service derives from those services' own events.
 * {@code recordedBy} is the integrator identity that gave it: set by reporting-service for evidence POSTed to it; on
 * evidence published directly, the CloudEvents {@code source} {@code /integrators/<identity>} names it, and
 * {@code recordedBy}, when present, must say the same.
 */
public record EvidenceRecorded(
        @NotNull @Size(min = 1, max = 100) String source,
        @NotNull @Size(min = 1, max = 200) String externalId,
        @NotNull String personId,
        @NotNull String customerRef,
        @NotNull ActivityKind kind,
        @NotNull EvidenceMethod method,
        @NotNull Instant occurredAt,
        Integer durationSeconds,
        Integer distanceMeters,
        String note,
        String recordedBy) {
}
