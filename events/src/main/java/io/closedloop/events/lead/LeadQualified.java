package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The lead is a real opportunity. */
public record LeadQualified(
        @NotNull UUID leadId,
        @NotNull String ownerId,
        String referrerId,
        @NotNull String qualifiedBy,
        @NotNull Instant qualifiedAt) {
}
