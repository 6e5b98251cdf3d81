package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A follow-up step was planned on a lead. */
public record StepCreated(
        @NotNull UUID leadId,
        @NotNull UUID stepId,
        @NotNull StepKind kind,
        @NotNull String title,
        @NotNull Instant dueAt,
        @NotNull String assigneeId,
        @NotNull String createdBy,
        @NotNull Instant createdAt) {
}
