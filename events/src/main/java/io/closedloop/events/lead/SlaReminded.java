package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A deadline is near: its owner is reminded. */
public record SlaReminded(
        @NotNull UUID leadId,
        @NotNull SlaClock clock,
        @NotNull String ownerId,
        String teamId,
        @NotNull Instant dueAt,
        @NotNull Instant remindedAt) {
}
