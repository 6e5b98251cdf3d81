package io.closedloop.reporting.evidence;

import java.time.Instant;

import io.closedloop.events.evidence.ActivityKind;

/**
 * One record of an activity, from one source: what reporting keeps of a piece of evidence, or of a fact it derives from
 * the services' events. {@code meetsStandard} is false for records that cannot back the activity (a short ring, a
 * check-in far away); {@code outcome} is WON or LOST on a lead's own outcome record.
 */
public record ActivityRecord(
        String source,
        String externalId,
        String personId,
        String customerRef,
        ActivityKind kind,
        String method,
        Instant occurredAt,
        Integer durationSeconds,
        Integer distanceMeters,
        boolean meetsStandard,
        Trust trust,
        String recordedBy,
        String outcome) {

    /** Whether this is the record of a lead won. */
    public boolean won() {
        return "WON".equals(outcome);
    }
}
