package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The owner tried to reach the customer; {@code first} for the lead's first attempt. */
public record ContactAttempted(
        @NotNull UUID leadId,
        @NotNull UUID attemptId,
        @NotNull String ownerId,
        String teamId,
        @NotNull String customerRef,
        @NotNull ContactChannel channel,
        @NotNull Instant attemptedAt,
        boolean reached,
        boolean first,
        Instant firstContactDueAt,
        @NotNull Instant recordedAt) {
}
