package io.closedloop.feedback.loop;

import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.loop.LoopKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The obligation to echo back to {@code initiatorId}: a receipt, progress while the work goes on, the outcome at the
 * end. Each kind of echo has its deadline; {@code nextDueAt} is the earliest still pending.
 */
@Entity
@Table(name = "loop")
public class Loop extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LoopKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LoopState state;

    @Column(name = "initiator_id", nullable = false)
    public String initiatorId;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "team_id")
    public String teamId;

    @Column(nullable = false)
    public String subject;

    @Column(name = "lead_id")
    public UUID leadId;

    /** The lead's customer, on a loop about a lead. */
    @Column(name = "customer_ref")
    public String customerRef;

    @Column(name = "opened_by")
    public String openedBy;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "receipt_due_at")
    public Instant receiptDueAt;

    @Column(name = "receipt_at")
    public Instant receiptAt;

    @Column(name = "progress_due_at")
    public Instant progressDueAt;

    @Column(name = "last_progress_at")
    public Instant lastProgressAt;

    @Column(name = "outcome_due_at")
    public Instant outcomeDueAt;

    @Column(name = "next_due_at")
    public Instant nextDueAt;

    public String outcome;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(nullable = false)
    public int echoes;

    @Column(name = "late_echoes", nullable = false)
    public int lateEchoes;

    public boolean isOpen() {
        return state == LoopState.OPEN;
    }
}
