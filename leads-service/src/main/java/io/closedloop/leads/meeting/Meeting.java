package io.closedloop.leads.meeting;

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

@Entity
@Table(name = "meeting")
public class Meeting extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "MeetingState")
    public enum State { SCHEDULED, HELD, NO_SHOW, CANCELLED_BY_CLIENT, RESCHEDULED }

    @Id
    public UUID id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Version
    public long version;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public String place;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "confirmation_channel")
    public String confirmationChannel;

    @Column(name = "unconfirmed_flagged", nullable = false)
    public boolean unconfirmedFlagged;

    @Column(name = "items_ready_at_start")
    public Integer itemsReadyAtStart;

    @Column(name = "items_at_start")
    public Integer itemsAtStart;

    @Column(name = "result_note")
    public String resultNote;

    @Column(name = "result_by")
    public String resultBy;

    @Column(name = "result_at")
    public Instant resultAt;

    @Column(name = "rescheduled_to")
    public UUID rescheduledTo;

    public UUID reschedules;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean isScheduled() {
        return state == State.SCHEDULED;
    }
}
