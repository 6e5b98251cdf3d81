package io.closedloop.events.loop;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The initiator acknowledged the outcome. */
public record LoopConfirmed(
        @NotNull UUID loopId,
        @NotNull LoopKind kind,
        UUID leadId,
        @NotNull String initiatorId,
        String ownerId,
        @NotNull Instant confirmedAt) {
}
