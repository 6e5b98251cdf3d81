package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The customer did not come. */
public record MeetingNoShow(
        @NotNull UUID leadId,
        @NotNull UUID meetingId,
        @NotNull String ownerId,
        @NotNull String customerRef,
        @NotNull Instant startsAt,
        boolean confirmed,
        @NotNull String recordedBy,
        @NotNull Instant recordedAt) {
}
