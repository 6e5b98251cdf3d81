package io.closedloop.leads.activity;

import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.lead.ContactChannel;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "contact_attempt")
public class ContactAttempt extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ContactChannel channel;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    @Column(nullable = false)
    public boolean reached;

    public String note;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
