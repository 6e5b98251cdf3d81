package io.closedloop.events.lead;

import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.Money;
import jakarta.validation.constraints.NotNull;

/**
 * A lead or referral came in. {@code customerRef} identifies the customer across services (the caller's reference,
 * else the normalised e-mail, else the phone number) without spreading contact details.
 */
public record LeadReceived(
        @NotNull UUID leadId,
        @NotNull LeadSource source,
        String referrerId,
        @NotNull String customerRef,
        @NotNull String customerName,
        String organisation,
        String product,
        Money estimatedValue,
        String territory,
        UrgencyClaim urgency,
        Priority priority,
        @NotNull String receivedBy,
        @NotNull Instant receivedAt) {
}
