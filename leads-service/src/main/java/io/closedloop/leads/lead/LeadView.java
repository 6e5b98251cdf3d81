package io.closedloop.leads.lead;

import io.closedloop.events.lead.LeadStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.Priority;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lead as its owner, their team and managers see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "StaffLeadView", description = "The whole lead, as whoever works it sees it")
public record LeadView(
        @NotNull @Schema(description = "Which view of the lead this is", enumeration = VIEW, examples = VIEW) String view,
        @NotNull UUID id,
        @NotNull LeadStatus status,
        @NotNull LeadSource source,
        @NotNull Priority priority,
        @Schema(description = "Who referred the lead, for referrals", examples = "rita-referrer") String referrerId,
        @NotNull CustomerView customer,
        @Schema(description = "The customer's stable reference across leads, complaints and surveys: ref:, email: "
                + "or phone: and the value", examples = "email:ann.example@example.com") String customerRef,
        @Schema(examples = "Business loan") String product,
        AmountView estimatedValue,
        @Schema(examples = "north") String territory,
        UrgencyView urgency,
        @Schema(description = "The team the lead is routed to; absent while unrouted", examples = "lending") String teamId,
        @Schema(description = "Who has the lead; absent while in the team's queue", examples = "ann-agent") String ownerId,
        @Schema(examples = "Ann Agent") String ownerName,
        @NotNull Sla sla,
        @Schema(description = "How the lead ended; absent while open") Outcome outcome,
        @NotNull @Schema(description = "Who took the lead in", examples = "rita-referrer") String createdBy,
        @NotNull Instant createdAt,
        @NotNull Instant updatedAt,
        @Schema(description = "The row version: it grows with every change") long version) implements LeadRepresentation {

    public static final String VIEW = "staff";

    public record CustomerView(@NotNull @Schema(examples = "Ann Example") String name,
                               @Schema(examples = "Example Bakery Ltd") String organisation,
                               @Schema(examples = "ann.example@example.com") String email,
                               @Schema(examples = "+33 6 12 34 56 78") String phone) {
    }

    public record AmountView(@NotNull @Schema(examples = "25000.00") BigDecimal amount,
                             @NotNull @Schema(description = "ISO 4217", examples = "EUR") String currency) {
    }

    public record UrgencyView(@NotNull @Schema(description = "What the customer said about their timing",
            examples = "Needs the money before the March stock order") String statement, Instant demandedBy) {
    }

    /** Where the lead stands against its SLA policy; {@code overdue} when its next deadline has passed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LeadSla", description = "Where the lead stands against its SLA policy")
    public record Sla(@Schema(examples = "referrals") String policyId, Instant assignedAt,
                      @Schema(description = "A person id, or system for rules and SLA bounces") String assignedBy,
                      @Schema(description = "The acknowledgment deadline") Instant acknowledgeBy,
                      Instant acknowledgedAt, Instant firstContactBy, Instant firstContactedAt, Instant followUpBy,
                      Instant lastActivityAt,
                      @Schema(description = "The next deadline of the open lead") Instant nextDueAt,
                      @Schema(description = "True when the open lead's next deadline has passed") boolean overdue) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LeadOutcome")
    public record Outcome(@NotNull LeadStatus result, AmountView value,
                          @Schema(description = "For a lost lead: one of the configured reasons", examples = "price")
                          String lossReason, String note, @NotNull Instant closedAt, @NotNull String closedBy) {
    }

    public static LeadView of(Lead lead, String ownerName, Instant now) {
        return new LeadView(VIEW, lead.id, lead.status, lead.source, lead.priority, lead.referrerId,
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
