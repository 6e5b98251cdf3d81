package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * The meeting took place. {@code itemsReady} of {@code checklistItems} preparation items were ready when it began.
 */
public record MeetingHeld(
        @NotNull UUID leadId,
        @NotNull UUID meetingId,
        @NotNull String ownerId,
        String teamId,
        @NotNull String customerRef,
        String referrerId,
        @NotNull Instant startsAt,
        boolean confirmed,
        int itemsReady,
        int checklistItems,
        @NotNull String recordedBy,
        @NotNull Instant recordedAt) {
}
