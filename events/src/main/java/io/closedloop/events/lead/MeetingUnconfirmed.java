package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A meeting is close and still not confirmed with the customer: flagged to its owner. */
public record MeetingUnconfirmed(
        @NotNull UUID leadId,
        @NotNull UUID meetingId,
        @NotNull String ownerId,
        @NotNull Instant startsAt,
        @NotNull Instant flaggedAt) {
}
