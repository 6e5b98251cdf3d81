package io.closedloop.events.loop;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * The initiator acknowledged the outcome they were told at {@code closedAt}: for a lead's loop, the confirmation of that
 * outcome by someone other than its owner. {@code customerRef} names the lead's customer (both absent in events
 * published before they existed).
 */
public record LoopConfirmed(
        @NotNull UUID loopId,
        @NotNull LoopKind kind,
        UUID leadId,
        @NotNull String initiatorId,
        String ownerId,
        @NotNull Instant confirmedAt,
        String customerRef,
        Instant closedAt) {
}
