package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The meeting will not take place as planned: cancelled by the customer, or moved. */
public record MeetingCancelled(
        @NotNull UUID leadId,
        @NotNull UUID meetingId,
        @NotNull String ownerId,
        @NotNull String customerRef,
        @NotNull Instant startsAt,
        @NotNull MeetingEndReason reason,
        @NotNull String recordedBy,
        @NotNull Instant recordedAt) {
}
