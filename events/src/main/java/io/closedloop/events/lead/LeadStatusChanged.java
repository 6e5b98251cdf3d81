package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * The lead's status moved, {@code from} → {@code to}, because of what {@code changedBy} did (a person id, or
 * {@code system} for rules and SLA bounces). Published beside the event that caused it, in the same transaction, so a
 * reader that follows only these knows every status the lead passed through.
 */
public record LeadStatusChanged(
        @NotNull UUID leadId,
        @NotNull LeadStatus from,
        @NotNull LeadStatus to,
        String ownerId,
        String teamId,
        String referrerId,
        @NotNull String changedBy,
        @NotNull Instant changedAt) {
}
