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
import jakarta.persistence.Version;

/** A customer's complaint: resolved only when every item it lists is. */
@Entity
@Table(name = "complaint")
public class Complaint extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ComplaintState")
    public enum State { OPEN, RESOLVED }

    @Id
    public UUID id;

    @Version
    public long version;

    @Column(name = "customer_ref", nullable = false)
    public String customerRef;

    @Column(name = "customer_name", nullable = false)
    public String customerName;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "team_id")
    public String teamId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "opened_by", nullable = false)
    public String openedBy;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "reopened_count", nullable = false)
    public int reopenedCount;
}
