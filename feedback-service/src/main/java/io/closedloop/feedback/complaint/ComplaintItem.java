package io.closedloop.feedback.complaint;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One thing the customer raised, resolved with the action taken and its root cause. */
@Entity
@Table(name = "complaint_item")
public class ComplaintItem extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ComplaintItemState")
    public enum State { OPEN, RESOLVED }

    @Id
    public UUID id;

    @Column(name = "complaint_id", nullable = false)
    public UUID complaintId;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    public String action;

    @Column(name = "root_cause")
    public String rootCause;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;
}
