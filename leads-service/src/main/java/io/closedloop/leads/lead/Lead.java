package io.closedloop.leads.lead;

import io.closedloop.events.lead.LeadStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.Priority;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A lead or referral. Versioned: concurrent changes to one lead never both commit. */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LeadStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LeadSource source;

    @Column(name = "referrer_id")
    public String referrerId;

    @Column(name = "customer_name", nullable = false)
    public String customerName;

    public String organisation;
    public String email;
    public String phone;

    @Column(name = "customer_ref", nullable = false)
    public String customerRef;

    public String product;

    @Column(name = "estimated_value", precision = 19, scale = 2)
    public BigDecimal estimatedValue;

    @Column(length = 3, columnDefinition = "bpchar(3)")
    public String currency;

    public String territory;

    @Column(name = "urgency_statement")
    public String urgencyStatement;

    @Column(name = "urgency_demanded_by")
    public Instant urgencyDemandedBy;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "owner_id")
    public String ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority = Priority.NORMAL;

    @Column(name = "phone_key")
    public String phoneKey;

    @Column(name = "sla_policy_id")
    public String slaPolicyId;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "assigned_by")
    public String assignedBy;

    @Column(name = "ack_due_at")
    public Instant ackDueAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "first_contact_due_at")
    public Instant firstContactDueAt;

    @Column(name = "first_contacted_at")
    public Instant firstContactedAt;

    @Column(name = "follow_up_due_at")
    public Instant followUpDueAt;

    @Column(name = "last_activity_at")
    public Instant lastActivityAt;

    /**
     * The earliest deadline of the lead's open plan steps, or null: kept by {@link OpenSteps#changed} whenever a step
     * is added or settled, so that working out {@link #nextDueAt} after an acknowledgment or an activity needs no read
     * of the steps.
     */
    @Column(name = "steps_due_at")
    public Instant stepsDueAt;

    /** The earliest pending deadline: what the queues sort by and what "overdue" compares with now. */
    @Column(name = "next_due_at")
    public Instant nextDueAt;

    @Column(name = "qualified_at")
    public Instant qualifiedAt;

    @Column(name = "outcome_value", precision = 19, scale = 2)
    public BigDecimal outcomeValue;

    @Column(name = "outcome_currency", length = 3, columnDefinition = "bpchar(3)")
    public String outcomeCurrency;

    @Column(name = "loss_reason")
    public String lossReason;

    @Column(name = "outcome_note")
    public String outcomeNote;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isOpen() {
        return status.isOpen();
    }

    /** The lead has an owner who has not acknowledged it yet. */
    public boolean awaitsAcknowledgment() {
        return ownerId != null && acknowledgedAt == null;
    }
}
