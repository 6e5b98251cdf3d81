package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A planned step passed its due time undone: its assignee is reminded. */
public record StepOverdue(
        @NotNull UUID leadId,
        @NotNull UUID stepId,
        @NotNull String assigneeId,
        @NotNull String title,
        @NotNull Instant dueAt) {
}
