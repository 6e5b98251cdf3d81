package io.closedloop.events.satisfaction;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** How satisfied a customer said they were, 1 to 5, after a complaint or any other interaction. */
public record SatisfactionRecorded(
        @NotNull UUID recordId,
        @NotNull String customerRef,
        int score,
        UUID complaintId,
        UUID leadId,
        String ownerId,
        String teamId,
        @NotNull String recordedBy,
        @NotNull Instant recordedAt) {
}
