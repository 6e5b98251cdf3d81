package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The customer confirmed the meeting. */
public record MeetingConfirmed(
        @NotNull UUID leadId,
        @NotNull UUID meetingId,
        @NotNull String ownerId,
        @NotNull Instant startsAt,
        String channel,
        @NotNull String recordedBy,
        @NotNull Instant confirmedAt) {
}
