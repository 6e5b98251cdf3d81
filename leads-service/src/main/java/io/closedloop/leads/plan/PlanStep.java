package io.closedloop.leads.plan;

import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.lead.StepKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "plan_step")
public class PlanStep extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "StepState")
    public enum State { OPEN, DONE, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Version
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepKind kind;

    @Column(nullable = false)
    public String title;

    public String note;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "assignee_id", nullable = false)
    public String assigneeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_by")
    public String finishedBy;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "finish_note")
    public String finishNote;
}
