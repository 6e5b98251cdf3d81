package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.Money;
import jakarta.validation.constraints.NotNull;

/** The lead ended won, for {@code value}. */
public record LeadWon(
        @NotNull UUID leadId,
        String ownerId,
        String teamId,
        String referrerId,
        @NotNull String customerRef,
        @NotNull LeadSource source,
        @NotNull Money value,
        @NotNull Instant receivedAt,
        @NotNull String closedBy,
        @NotNull Instant wonAt) {
}
