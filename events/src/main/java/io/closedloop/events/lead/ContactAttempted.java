package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * The owner tried to reach the customer; {@code first} for the lead's first attempt. {@code recordedBy} is who
 * recorded it: the owner themselves (a self-recorded activity), or one of their managers (absent in events published
 * before it existed, which were all recorded by the owner).
 */
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
        @NotNull Instant recordedAt,
        String recordedBy) {
}
