package io.closedloop.reporting.projection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** A row of {@code lead_fact}, edited in memory during a batch. */
final class LeadRow {

    static final String COLUMNS = "lead_id, source, referrer_id, customer_ref, owner_id, team_id, received_at, assigned_at, "
            + "acknowledged_at, ack_seconds, first_contact_at, first_contact_seconds, first_contact_by, status, closed_at, loss_reason, "
            + "urgency_claimed, urgency_statement, urgency_demanded_by, meetings_scheduled, meetings_held, no_shows, "
            + "first_meeting_held_at, contacts_reached, overdue, overdue_clock, overdue_due_at";
    static final int COUNT = COLUMNS.split(",").length;
    static final String UPDATES = Arrays.stream(COLUMNS.split(",")).map(String::strip).filter(col -> !col.equals("lead_id"))
            .map(col -> col + " = excluded." + col).collect(Collectors.joining(", "));

    final UUID leadId;
    String source;
    String referrerId;
    String customerRef;
    String ownerId;
    String teamId;
    Instant receivedAt;
    Instant assignedAt;
    Instant acknowledgedAt;
    Long ackSeconds;
    Instant firstContactAt;
    Long firstContactSeconds;
    String firstContactBy;
    String status = "NEW";
    Instant closedAt;
    String lossReason;
    boolean urgencyClaimed;
    String urgencyStatement;
    Instant urgencyDemandedBy;
    int meetingsScheduled;
    int meetingsHeld;
    int noShows;
    Instant firstMeetingHeldAt;
    int contactsReached;
    boolean overdue;
    /** Which deadline the lead missed (ACKNOWLEDGE, FIRST_CONTACT, …) and when it was due, while it is overdue. */
    String overdueClock;
    Instant overdueDueAt;
    boolean changed;

    LeadRow(UUID leadId) {
        this.leadId = leadId;
    }

    static LeadRow read(ResultSet rs) throws SQLException {
        LeadRow r = new LeadRow(rs.getObject(1, UUID.class));
        r.source = rs.getString(2);
        r.referrerId = rs.getString(3);
        r.customerRef = rs.getString(4);
        r.ownerId = rs.getString(5);
        r.teamId = rs.getString(6);
        r.receivedAt = Jdbc.instant(rs, 7);
        r.assignedAt = Jdbc.instant(rs, 8);
        r.acknowledgedAt = Jdbc.instant(rs, 9);
        r.ackSeconds = Jdbc.longOrNull(rs, 10);
        r.firstContactAt = Jdbc.instant(rs, 11);
        r.firstContactSeconds = Jdbc.longOrNull(rs, 12);
        r.firstContactBy = rs.getString(13);
        r.status = rs.getString(14);
        r.closedAt = Jdbc.instant(rs, 15);
        r.lossReason = rs.getString(16);
        r.urgencyClaimed = rs.getBoolean(17);
        r.urgencyStatement = rs.getString(18);
        r.urgencyDemandedBy = Jdbc.instant(rs, 19);
        r.meetingsScheduled = rs.getInt(20);
        r.meetingsHeld = rs.getInt(21);
        r.noShows = rs.getInt(22);
        r.firstMeetingHeldAt = Jdbc.instant(rs, 23);
        r.contactsReached = rs.getInt(24);
        r.overdue = rs.getBoolean(25);
        r.overdueClock = rs.getString(26);
        r.overdueDueAt = Jdbc.instant(rs, 27);
        return r;
    }

    void bind(PreparedStatement s) throws SQLException {
        s.setObject(1, leadId);
        s.setString(2, source);
        s.setString(3, referrerId);
        s.setString(4, customerRef);
        s.setString(5, ownerId);
        s.setString(6, teamId);
        Jdbc.timestamp(s, 7, receivedAt);
        Jdbc.timestamp(s, 8, assignedAt);
        Jdbc.timestamp(s, 9, acknowledgedAt);
        Jdbc.longOrNull(s, 10, ackSeconds);
        Jdbc.timestamp(s, 11, firstContactAt);
        Jdbc.longOrNull(s, 12, firstContactSeconds);
        s.setString(13, firstContactBy);
        s.setString(14, status);
        Jdbc.timestamp(s, 15, closedAt);
        s.setString(16, lossReason);
        s.setBoolean(17, urgencyClaimed);
        s.setString(18, urgencyStatement);
        Jdbc.timestamp(s, 19, urgencyDemandedBy);
        s.setInt(20, meetingsScheduled);
        s.setInt(21, meetingsHeld);
        s.setInt(22, noShows);
        Jdbc.timestamp(s, 23, firstMeetingHeldAt);
        s.setInt(24, contactsReached);
        s.setBoolean(25, overdue);
        s.setString(26, overdueClock);
        Jdbc.timestamp(s, 27, overdueDueAt);
    }

    /** No deadline missed any more: acknowledged, contacted, or closed. */
    void clearOverdue() {
        overdue = false;
        overdueClock = null;
        overdueDueAt = null;
    }
}
