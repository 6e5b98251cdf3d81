package io.closedloop.reporting.projection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** A row of {@code loop_fact}, edited in memory during a batch. */
final class LoopRow {

    static final String COLUMNS = "loop_id, kind, initiator_id, owner_id, team_id, lead_id, opened_at, receipt_at, "
            + "receipt_seconds, receipt_late, echoes, late_echoes, overdue, closed_at, confirmed_at";
    static final int COUNT = COLUMNS.split(",").length;
    static final String UPDATES = Arrays.stream(COLUMNS.split(",")).map(String::strip).filter(col -> !col.equals("loop_id"))
            .map(col -> col + " = excluded." + col).collect(Collectors.joining(", "));

    final UUID loopId;
    String kind;
    String initiatorId;
    String ownerId;
    String teamId;
    UUID leadId;
    Instant openedAt;
    Instant receiptAt;
    Long receiptSeconds;
    Boolean receiptLate;
    int echoes;
    int lateEchoes;
    int overdue;
    Instant closedAt;
    Instant confirmedAt;
    boolean changed;

    LoopRow(UUID loopId) {
        this.loopId = loopId;
    }

    static LoopRow read(ResultSet rs) throws SQLException {
        LoopRow r = new LoopRow(rs.getObject(1, UUID.class));
        r.kind = rs.getString(2);
        r.initiatorId = rs.getString(3);
        r.ownerId = rs.getString(4);
        r.teamId = rs.getString(5);
        r.leadId = rs.getObject(6, UUID.class);
        r.openedAt = Jdbc.instant(rs, 7);
        r.receiptAt = Jdbc.instant(rs, 8);
        r.receiptSeconds = Jdbc.longOrNull(rs, 9);
        r.receiptLate = (Boolean) rs.getObject(10);
        r.echoes = rs.getInt(11);
        r.lateEchoes = rs.getInt(12);
        r.overdue = rs.getInt(13);
        r.closedAt = Jdbc.instant(rs, 14);
        r.confirmedAt = Jdbc.instant(rs, 15);
        return r;
    }

    void bind(PreparedStatement s) throws SQLException {
        s.setObject(1, loopId);
        s.setString(2, kind);
        s.setString(3, initiatorId);
        s.setString(4, ownerId);
        s.setString(5, teamId);
        s.setObject(6, leadId);
        Jdbc.timestamp(s, 7, openedAt);
        Jdbc.timestamp(s, 8, receiptAt);
        Jdbc.longOrNull(s, 9, receiptSeconds);
        Jdbc.booleanOrNull(s, 10, receiptLate);
        s.setInt(11, echoes);
        s.setInt(12, lateEchoes);
        s.setInt(13, overdue);
        Jdbc.timestamp(s, 14, closedAt);
        Jdbc.timestamp(s, 15, confirmedAt);
    }
}
