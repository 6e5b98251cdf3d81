package io.closedloop.events.complaint;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The customer was not satisfied with the resolution: the complaint is open again. */
public record ComplaintReopened(
        @NotNull UUID complaintId,
        @NotNull String customerRef,
        @NotNull String ownerId,
        String teamId,
        @NotNull String reason,
        Integer score,
        @NotNull Instant reopenedAt) {
}
