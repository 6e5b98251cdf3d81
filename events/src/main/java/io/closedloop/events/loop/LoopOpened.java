package io.closedloop.events.loop;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** An obligation to echo back to {@code initiatorId} until the outcome is told. */
public record LoopOpened(
        @NotNull UUID loopId,
        @NotNull LoopKind kind,
        @NotNull String initiatorId,
        String ownerId,
        @NotNull String subject,
        UUID leadId,
        @NotNull Instant openedAt,
        Instant receiptDueAt) {
}
