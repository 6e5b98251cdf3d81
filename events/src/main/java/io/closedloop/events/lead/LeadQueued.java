package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** Nobody could take a lead: it waits in its team's unassigned queue, and the team's manager is told. */
public record LeadQueued(
        @NotNull UUID leadId,
        String teamId,
        String managerId,
        @NotNull String reason,
        String fromOwnerId,
        @NotNull Instant queuedAt) {
}
