package io.closedloop.leads.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.events.lead.LeadSource;

/** A lead as its owner, their team and managers see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadView(
        UUID id,
        LeadStatus status,
        LeadSource source,
        String referrerId,
        CustomerView customer,
        String customerRef,
        String product,
        AmountView estimatedValue,
        String territory,
        UrgencyView urgency,
        String teamId,
        String ownerId,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public record CustomerView(String name, String organisation, String email, String phone) {
    }

    public record AmountView(BigDecimal amount, String currency) {
    }

    public record UrgencyView(String statement, Instant demandedBy) {
    }

    public static LeadView of(Lead lead) {
        return new LeadView(lead.id, lead.status, lead.source, lead.referrerId,
                new CustomerView(lead.customerName, lead.organisation, lead.email, lead.phone),
                lead.customerRef, lead.product,
                lead.estimatedValue == null ? null : new AmountView(lead.estimatedValue, lead.currency),
                lead.territory,
                lead.urgencyStatement == null ? null : new UrgencyView(lead.urgencyStatement, lead.urgencyDemandedBy),
                lead.teamId, lead.ownerId, lead.createdBy, lead.createdAt, lead.updatedAt, lead.version);
    }
}
