package io.closedloop.events.loop;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The loop's owner acknowledged the work: the speed of the receipt, against its deadline. */
public record LoopReceiptRecorded(
        @NotNull UUID loopId,
        @NotNull LoopKind kind,
        UUID leadId,
        @NotNull String initiatorId,
        String ownerId,
        @NotNull EchoSource source,
        @NotNull Instant openedAt,
        @NotNull Instant receivedAt,
        Instant dueAt,
        boolean late,
        long latencySeconds) {
}
