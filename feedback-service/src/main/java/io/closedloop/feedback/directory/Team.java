package io.closedloop.feedback.directory;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A team as leads-service last described it, with its business hours. */
@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "manager_id")
    public String managerId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "business_hours")
    public String businessHours;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "closed_dates")
    public String closedDates;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
