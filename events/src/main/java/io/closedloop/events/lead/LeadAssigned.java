package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * A lead got an owner, or a new one: every assignment is a handoff, with who handed it, to whom, and why.
 * {@code fromOwnerId} is absent on a first assignment; {@code assignedBy} is a person id, or {@code system} for
 * rules and SLA bounces. The new owner must acknowledge by {@code acknowledgeBy}.
 */
public record LeadAssigned(
        @NotNull UUID leadId,
        String teamId,
        String fromOwnerId,
        @NotNull String toOwnerId,
        @NotNull String assignedBy,
        String reason,
        @NotNull AssignmentStrategy strategy,
        @NotNull Instant assignedAt,
        @NotNull Instant acknowledgeBy,
        String referrerId) {
}
