package io.closedloop.events.loop;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** An echo reached the initiator; {@code latencySeconds} from the start of the clock it answers, {@code late} past its deadline. */
public record LoopEchoed(
        @NotNull UUID loopId,
        @NotNull UUID echoId,
        @NotNull LoopKind kind,
        UUID leadId,
        @NotNull String initiatorId,
        String ownerId,
        @NotNull EchoKind echo,
        @NotNull EchoSource source,
        @NotNull Instant occurredAt,
        Instant dueAt,
        boolean late,
        long latencySeconds) {
}
