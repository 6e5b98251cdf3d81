package io.closedloop.feedback.intake;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What this service knows of a lead from its events: enough to word echoes and to follow its owner. */
@Entity
@Table(name = "tracked_lead")
public class TrackedLead extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_name", nullable = false)
    public String customerName;

    @Column(name = "customer_ref", nullable = false)
    public String customerRef;

    public String product;

    @Column(name = "referrer_id")
    public String referrerId;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "team_id")
    public String teamId;

    @Column(nullable = false)
    public String status;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
