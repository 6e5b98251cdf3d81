package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A meeting with the customer was set, with a preparation checklist of {@code checklistItems} items. */
public record MeetingScheduled(
        @NotNull UUID leadId,
        @NotNull UUID meetingId,
        @NotNull String ownerId,
        @NotNull String customerRef,
        @NotNull Instant startsAt,
        Instant endsAt,
        String place,
        int checklistItems,
        UUID reschedules,
        @NotNull String scheduledBy,
        @NotNull Instant scheduledAt) {
}
