package io.closedloop.leads.lead;

import io.closedloop.events.lead.LeadStatus;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.events.lead.LeadSource;

/**
 * What a referrer sees of a lead they referred: how far it got, who has it and when things happened — not the notes,
 * the contact details, the value or anything about other customers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferrerLeadView(
        UUID id,
        LeadStatus status,
        LeadSource source,
        String customerName,
        String product,
        String ownerName,
        Instant createdAt,
        Instant assignedAt,
        Instant acknowledgedAt,
        Instant firstContactedAt,
        Instant lastActivityAt,
        Instant closedAt,
        String lossReason) {

    public static ReferrerLeadView of(Lead lead, String ownerName) {
        return new ReferrerLeadView(lead.id, lead.status, lead.source, lead.customerName, lead.product, ownerName,
                lead.createdAt, lead.assignedAt, lead.acknowledgedAt, lead.firstContactedAt, lead.lastActivityAt,
                lead.closedAt, lead.lossReason);
    }
}
