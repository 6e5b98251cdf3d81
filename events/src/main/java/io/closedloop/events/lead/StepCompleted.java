package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A planned step was done; {@code late} when after its due time. */
public record StepCompleted(
        @NotNull UUID leadId,
        @NotNull UUID stepId,
        @NotNull StepKind kind,
        @NotNull String assigneeId,
        @NotNull String completedBy,
        @NotNull Instant dueAt,
        @NotNull Instant completedAt,
        boolean late) {
}
