package io.closedloop.reporting.referrer;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "referrer_report")
public class ReferrerReport extends PanacheEntityBase {

    @Id
    @Column(name = "referrer_id")
    public String referrerId;

    @Column(name = "referrals_sent", nullable = false)
    public long referralsSent;

    @Column(name = "first_sent_at")
    public Instant firstSentAt;

    @Column(name = "last_sent_at")
    public Instant lastSentAt;
}
