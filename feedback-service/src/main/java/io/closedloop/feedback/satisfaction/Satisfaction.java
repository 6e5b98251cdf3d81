package io.closedloop.feedback.satisfaction;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How satisfied a customer said they were, 1 to 5, and why: the history a hard client's story is read from. */
@Entity
@Table(name = "satisfaction")
public class Satisfaction extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_ref", nullable = false)
    public String customerRef;

    @Column(nullable = false)
    public int score;

    public String comment;

    @Column(name = "complaint_id")
    public UUID complaintId;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
