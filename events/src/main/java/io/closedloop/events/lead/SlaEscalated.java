package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A deadline passed: the owner's manager is told. */
public record SlaEscalated(
        @NotNull UUID leadId,
        @NotNull SlaClock clock,
        @NotNull String ownerId,
        String managerId,
        String teamId,
        String referrerId,
        @NotNull Instant dueAt,
        @NotNull Instant escalatedAt) {
}
