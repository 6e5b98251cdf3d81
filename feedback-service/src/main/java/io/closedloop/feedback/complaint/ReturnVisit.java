package io.closedloop.feedback.complaint;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A visit back to the customer about the complaint: counted to measure first-return resolution. */
@Entity
@Table(name = "return_visit")
public class ReturnVisit extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "complaint_id", nullable = false)
    public UUID complaintId;

    @Column(name = "visited_at", nullable = false)
    public Instant visitedAt;

    public String note;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
