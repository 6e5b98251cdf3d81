package io.closedloop.events.complaint;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** One item of a complaint was resolved, with the action taken and its root cause. */
public record ComplaintItemResolved(
        @NotNull UUID complaintId,
        @NotNull UUID itemId,
        @NotNull String customerRef,
        @NotNull String ownerId,
        @NotNull String rootCause,
        @NotNull String resolvedBy,
        @NotNull Instant resolvedAt) {
}
