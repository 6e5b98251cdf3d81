package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The day before a meeting: the owner should confirm it with the customer. */
public record MeetingConfirmationDue(
        @NotNull UUID leadId,
        @NotNull UUID meetingId,
        @NotNull String ownerId,
        @NotNull Instant startsAt) {
}
