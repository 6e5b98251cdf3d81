package io.closedloop.events.complaint;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A complaint was taken with every item the customer raised, listed before anyone goes back. */
public record ComplaintOpened(
        @NotNull UUID complaintId,
        @NotNull String customerRef,
        UUID leadId,
        @NotNull String ownerId,
        String teamId,
        int items,
        @NotNull String openedBy,
        @NotNull Instant openedAt) {
}
