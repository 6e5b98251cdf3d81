package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The owner did not acknowledge in time: the lead bounced to someone else, or to the team's queue. */
public record SlaReassigned(
        @NotNull UUID leadId,
        @NotNull SlaClock clock,
        @NotNull String fromOwnerId,
        String toOwnerId,
        String teamId,
        @NotNull Instant dueAt,
        @NotNull Instant reassignedAt) {
}
