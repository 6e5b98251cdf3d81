package io.closedloop.reporting.claim;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a person's daily work report: what they say they did. */
@Entity
@Table(name = "claim")
@IdClass(Claim.Key.class)
public class Claim extends PanacheEntityBase {

    public record Key(String personId, LocalDate day, int version) implements Serializable {
        public Key() {
            this(null, null, 0);
        }
    }

    @Id
    @Column(name = "person_id")
    public String personId;

    @Id
    public LocalDate day;

    @Id
    public int version;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(nullable = false)
    public int calls;

    @Column(nullable = false)
    public int visits;

    @Column(nullable = false)
    public int meetings;

    @Column(name = "hours_worked", nullable = false, precision = 5, scale = 2)
    public BigDecimal hoursWorked;

    @Column(name = "overtime_hours", nullable = false, precision = 5, scale = 2)
    public BigDecimal overtimeHours;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String contacts;
}
