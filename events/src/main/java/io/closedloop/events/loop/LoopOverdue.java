package io.closedloop.events.loop;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** An echo is late: the owner is reminded and the initiator told. */
public record LoopOverdue(
        @NotNull UUID loopId,
        @NotNull LoopKind kind,
        UUID leadId,
        @NotNull String initiatorId,
        String ownerId,
        String teamId,
        @NotNull EchoKind echo,
        @NotNull Instant dueAt,
        @NotNull Instant at) {
}
