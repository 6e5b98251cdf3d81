package io.closedloop.leads.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.lead.LeadSource;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A lead or referral. Versioned: concurrent changes to one lead never both commit. */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LeadStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LeadSource source;

    @Column(name = "referrer_id")
    public String referrerId;

    @Column(name = "customer_name", nullable = false)
    public String customerName;

    public String organisation;
    public String email;
    public String phone;

    @Column(name = "customer_ref", nullable = false)
    public String customerRef;

    public String product;

    @Column(name = "estimated_value", precision = 19, scale = 2)
    public BigDecimal estimatedValue;

    @Column(length = 3, columnDefinition = "bpchar(3)")
    public String currency;

    public String territory;

    @Column(name = "urgency_statement")
    public String urgencyStatement;

    @Column(name = "urgency_demanded_by")
    public Instant urgencyDemandedBy;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
