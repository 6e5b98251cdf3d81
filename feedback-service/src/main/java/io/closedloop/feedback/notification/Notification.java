package io.closedloop.feedback.notification;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Something a person is told: an echo, a lateness notice, a reminder, an escalation. Their inbox lists these. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "recipient_id", nullable = false)
    public String recipientId;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(name = "loop_id")
    public UUID loopId;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "complaint_id")
    public UUID complaintId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When what this message answers was due (an echo's deadline, the deadline a lateness notice is about). */
    @Column(name = "due_at")
    public Instant dueAt;

    /** Whether it came after {@link #dueAt}. */
    public Boolean late;

    /** How long after its clock started (the loop's opening, the last progress) this message came, in seconds. */
    @Column(name = "latency_seconds")
    public Long latencySeconds;
}
