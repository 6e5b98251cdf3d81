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
}
