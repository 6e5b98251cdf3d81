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

    @Column(nullable = false)
    public String subject;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "receipt_due_at")
    public Instant receiptDueAt;
}
