package io.closedloop.events.loop;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * An obligation to echo back to {@code initiatorId} until the outcome is told.
 *
 * @param teamId the owner's team when the loop opened (absent when the owner has none): per-team reports count
 *               open loops by it from the start, not only once one is overdue or closed
 */
public record LoopOpened(
        @NotNull UUID loopId,
        @NotNull LoopKind kind,
        @NotNull String initiatorId,
        String ownerId,
        @NotNull String subject,
        UUID leadId,
        @NotNull Instant openedAt,
        Instant receiptDueAt,
        String teamId) {
}
