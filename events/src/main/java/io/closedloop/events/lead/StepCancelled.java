package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A planned step will not be done, and why. */
public record StepCancelled(
        @NotNull UUID leadId,
        @NotNull UUID stepId,
        @NotNull String cancelledBy,
        @NotNull String reason,
        @NotNull Instant cancelledAt) {
}
