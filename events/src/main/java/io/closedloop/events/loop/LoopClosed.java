package io.closedloop.events.loop;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The outcome reached the initiator: the loop is closed. */
public record LoopClosed(
        @NotNull UUID loopId,
        @NotNull LoopKind kind,
        UUID leadId,
        @NotNull String initiatorId,
        String ownerId,
        String teamId,
        @NotNull String outcome,
        @NotNull Instant openedAt,
        @NotNull Instant closedAt,
        int echoes,
        int lateEchoes) {
}
