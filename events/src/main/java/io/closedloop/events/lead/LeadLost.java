package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The lead ended lost, with a reason from the configured list. */
public record LeadLost(
        @NotNull UUID leadId,
        String ownerId,
        String teamId,
        String referrerId,
        @NotNull String customerRef,
        @NotNull LeadSource source,
        @NotNull String reason,
        @NotNull Instant receivedAt,
        @NotNull String closedBy,
        @NotNull Instant lostAt) {
}
