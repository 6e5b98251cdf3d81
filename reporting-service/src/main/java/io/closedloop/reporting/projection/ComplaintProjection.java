package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.events.complaint.ComplaintReopened;
import io.closedloop.events.complaint.ComplaintResolved;
import io.closedloop.events.satisfaction.SatisfactionRecorded;
import io.closedloop.reporting.evidence.Trust;
import io.closedloop.reporting.projection.PersonDayCounters.Counter;

/**
 * Read model {@code complaint_fact} and the complaint and satisfaction counters of {@code person_day}. A complaint counts
 * once, on the day of its last resolution: as resolved when its owner settled every item and it was not reopened since;
 * as verified when, after that, someone other than its owner recorded the customer's satisfaction with it (a low score
 * reopens it instead); for the first return when verified and settled after exactly one recorded visit. Each row keeps
 * the latest resolution, reopening and independent rating, so the outcome is the same whatever order the complaint's
 * and the ratings' events arrive in; a change moves the counts from the day they were on to the new one. Only
 * satisfaction someone else recorded about a person's work counts on their scorecard.
 */
final class ComplaintProjection implements Projection {

    static final Set<EventType<?>> CONSUMES = Set.of(EventCatalog.COMPLAINT_RESOLVED, EventCatalog.COMPLAINT_REOPENED,
            EventCatalog.SATISFACTION_RECORDED);

    private static final class Row {
        final UUID complaintId;
        String ownerId;
        Instant resolvedAt;
        boolean firstReturn;
        Instant reopenedAt;
        Instant ratedAt;
        LocalDate countedDay;
        boolean countedResolved;
        boolean countedVerified;
        boolean countedFirstReturn;
        boolean changed;

        Row(UUID complaintId) {
            this.complaintId = complaintId;
        }

        boolean resolved() {
            return resolvedAt != null && (reopenedAt == null || reopenedAt.isBefore(resolvedAt));
        }

        boolean verified() {
            return resolved() && ratedAt != null && !ratedAt.isBefore(resolvedAt);
        }
    }

    private final Map<UUID, Row> complaints = new HashMap<>();

    @Override
    public void load(Connection c, ProjectionBatch batch, List<Event> events) throws SQLException {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Event event : events) {
            switch (event.data()) {
                case ComplaintResolved e -> ids.add(e.complaintId());
                case ComplaintReopened e -> ids.add(e.complaintId());
                case SatisfactionRecorded e when e.complaintId() != null -> ids.add(e.complaintId());
                default -> {
                }
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT complaint_id, owner_id, resolved_at, first_return, reopened_at, "
                + "rated_at, counted_day, counted_resolved, counted_verified, counted_first_return FROM " + batch.schema
                + ".complaint_fact WHERE complaint_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Row row = new Row(rs.getObject(1, UUID.class));
                    row.ownerId = rs.getString(2);
                    row.resolvedAt = Jdbc.instant(rs, 3);
                    row.firstReturn = rs.getBoolean(4);
                    row.reopenedAt = Jdbc.instant(rs, 5);
                    row.ratedAt = Jdbc.instant(rs, 6);
                    row.countedDay = rs.getObject(7, LocalDate.class);
                    row.countedResolved = rs.getBoolean(8);
                    row.countedVerified = rs.getBoolean(9);
                    row.countedFirstReturn = rs.getBoolean(10);
                    complaints.put(row.complaintId, row);
                }
            }
        }
    }

    @Override
    public void apply(ProjectionBatch b, Event event) {
        switch (event.data()) {
            case ComplaintResolved e -> {
                Row row = complaint(e.complaintId(), e.ownerId());
                Instant at = Jdbc.micros(e.resolvedAt());
                if (row.resolvedAt == null || at.isAfter(row.resolvedAt)) {
                    row.resolvedAt = at;
                    row.firstReturn = e.resolvedOnFirstReturn();
                }
            }
            case ComplaintReopened e -> {
                Row row = complaint(e.complaintId(), e.ownerId());
                row.reopenedAt = latest(row.reopenedAt, Jdbc.micros(e.reopenedAt()));
            }
            case SatisfactionRecorded e -> {
                if (Trust.ofRecord(e.recordedBy(), e.ownerId()) != Trust.VERIFIED) {
                    return;
                }
                b.count(e.ownerId(), e.recordedAt(), Counter.SATISFACTION_SUM, e.score());
                b.count(e.ownerId(), e.recordedAt(), Counter.SATISFACTION_COUNT, 1);
                if (e.complaintId() != null) {
                    Row row = complaint(e.complaintId(), e.ownerId());
                    row.ratedAt = latest(row.ratedAt, Jdbc.micros(e.recordedAt()));
                }
            }
            default -> throw new IllegalArgumentException("Not a complaint event: " + event.data());
        }
    }

    @Override
    public void flush(Connection c, ProjectionBatch b) throws SQLException {
        List<Row> changed = complaints.values().stream().filter(r -> r.changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        for (Row row : changed) {
            LocalDate day = row.resolvedAt == null ? null : b.day(row.resolvedAt);
            boolean resolved = row.resolved();
            boolean verified = row.verified();
            boolean firstReturn = verified && row.firstReturn;
            if (!Objects.equals(day, row.countedDay) || resolved != row.countedResolved || verified != row.countedVerified
                    || firstReturn != row.countedFirstReturn) {
                if (row.countedDay != null) {
                    move(b, row.ownerId, row.countedDay, row.countedResolved, row.countedVerified, row.countedFirstReturn, -1);
                }
                if (day != null) {
                    move(b, row.ownerId, day, resolved, verified, firstReturn, 1);
                }
                row.countedDay = day;
                row.countedResolved = resolved;
                row.countedVerified = verified;
                row.countedFirstReturn = firstReturn;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + b.schema + ".complaint_fact (complaint_id, owner_id, "
                + "resolved_at, first_return, reopened_at, rated_at, counted_day, counted_resolved, counted_verified, "
                + "counted_first_return) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (complaint_id) DO UPDATE SET "
                + "owner_id = excluded.owner_id, resolved_at = excluded.resolved_at, first_return = excluded.first_return, "
                + "reopened_at = excluded.reopened_at, rated_at = excluded.rated_at, counted_day = excluded.counted_day, "
                + "counted_resolved = excluded.counted_resolved, counted_verified = excluded.counted_verified, "
                + "counted_first_return = excluded.counted_first_return")) {
            for (Row row : changed) {
                s.setObject(1, row.complaintId);
                s.setString(2, row.ownerId);
                Jdbc.timestamp(s, 3, row.resolvedAt);
                s.setBoolean(4, row.firstReturn);
                Jdbc.timestamp(s, 5, row.reopenedAt);
                Jdbc.timestamp(s, 6, row.ratedAt);
                s.setDate(7, row.countedDay == null ? null : Date.valueOf(row.countedDay));
                s.setBoolean(8, row.countedResolved);
                s.setBoolean(9, row.countedVerified);
                s.setBoolean(10, row.countedFirstReturn);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void move(ProjectionBatch b, String owner, LocalDate day, boolean resolved, boolean verified,
                             boolean firstReturn, int sign) {
        b.counters.add(owner, day, Counter.COMPLAINTS_RESOLVED, resolved ? sign : 0);
        b.counters.add(owner, day, Counter.COMPLAINTS_VERIFIED, verified ? sign : 0);
        b.counters.add(owner, day, Counter.COMPLAINTS_FIRST_RETURN, firstReturn ? sign : 0);
    }

    private Row complaint(UUID id, String ownerId) {
        Row row = complaints.computeIfAbsent(id, Row::new);
        row.ownerId = row.ownerId == null ? ownerId : row.ownerId;
        row.changed = true;
        return row;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
