package io.closedloop.leads.lead;

import io.closedloop.events.lead.LeadStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.Priority;

/** A lead as its owner, their team and managers see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadView(
        UUID id,
        LeadStatus status,
        LeadSource source,
        Priority priority,
        String referrerId,
        CustomerView customer,
        String customerRef,
        String product,
        AmountView estimatedValue,
        String territory,
        UrgencyView urgency,
        String teamId,
        String ownerId,
        String ownerName,
        Sla sla,
        Outcome outcome,
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

    /** Where the lead stands against its SLA policy; {@code overdue} when its next deadline has passed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sla(String policyId, Instant assignedAt, String assignedBy, Instant acknowledgeBy,
                      Instant acknowledgedAt, Instant firstContactBy, Instant firstContactedAt, Instant followUpBy,
                      Instant lastActivityAt, Instant nextDueAt, boolean overdue) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(LeadStatus result, AmountView value, String lossReason, String note, Instant closedAt,
                          String closedBy) {
    }

    public static LeadView of(Lead lead, String ownerName, Instant now) {
        return new LeadView(lead.id, lead.status, lead.source, lead.priority, lead.referrerId,
                new CustomerView(lead.customerName, lead.organisation, lead.email, lead.phone),
                lead.customerRef, lead.product,
                lead.estimatedValue == null ? null : new AmountView(lead.estimatedValue, lead.currency),
                lead.territory,
                lead.urgencyStatement == null ? null : new UrgencyView(lead.urgencyStatement, lead.urgencyDemandedBy),
                lead.teamId, lead.ownerId, ownerName,
                new Sla(lead.slaPolicyId, lead.assignedAt, lead.assignedBy, lead.ackDueAt, lead.acknowledgedAt,
                        lead.firstContactDueAt, lead.firstContactedAt, lead.followUpDueAt, lead.lastActivityAt,
                        lead.nextDueAt, lead.isOpen() && lead.nextDueAt != null && lead.nextDueAt.isBefore(now)),
                lead.isOpen() ? null : new Outcome(lead.status,
                        lead.outcomeValue == null ? null : new AmountView(lead.outcomeValue, lead.outcomeCurrency),
                        lead.lossReason, lead.outcomeNote, lead.closedAt, lead.closedBy),
                lead.createdBy, lead.createdAt, lead.updatedAt, lead.version);
    }
}
