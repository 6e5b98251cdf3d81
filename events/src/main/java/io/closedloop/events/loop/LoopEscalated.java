package io.closedloop.events.loop;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** An echo is still late: the owner's manager is told. */
public record LoopEscalated(
        @NotNull UUID loopId,
        @NotNull LoopKind kind,
        UUID leadId,
        @NotNull String initiatorId,
        String ownerId,
        String managerId,
        String teamId,
        @NotNull EchoKind echo,
        @NotNull Instant dueAt,
        @NotNull Instant at) {
}
