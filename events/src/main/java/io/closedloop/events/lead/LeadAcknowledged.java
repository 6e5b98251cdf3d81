package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The owner acknowledged the handoff; {@code late} when after the deadline. */
public record LeadAcknowledged(
        @NotNull UUID leadId,
        @NotNull String ownerId,
        String teamId,
        String referrerId,
        @NotNull Instant assignedAt,
        @NotNull Instant dueAt,
        @NotNull Instant acknowledgedAt,
        boolean late) {
}
