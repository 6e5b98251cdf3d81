package io.closedloop.reporting.projection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.lead.LeadAssigned;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadQueued;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadStatusChanged;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.lead.MeetingNoShow;
import io.closedloop.events.lead.MeetingScheduled;
import io.closedloop.events.lead.SlaEscalated;
import io.closedloop.reporting.projection.PersonDayCounters.Counter;

/**
 * Read models {@code lead_fact} (one row per lead: where it came from, who has it, every status it passed through, how
 * fast it was acknowledged and first contacted), {@code ack_fact} (one row per acknowledgment) and {@code won_value}
 * (won amounts per person, day and currency); and the lead counters of {@code person_day}.
 */
final class LeadProjection implements Projection {

    static final Set<EventType<?>> CONSUMES = Set.of(EventCatalog.LEAD_RECEIVED, EventCatalog.LEAD_ASSIGNED,
            EventCatalog.LEAD_QUEUED, EventCatalog.LEAD_ACKNOWLEDGED, EventCatalog.LEAD_STATUS_CHANGED,
            EventCatalog.CONTACT_ATTEMPTED, EventCatalog.MEETING_SCHEDULED, EventCatalog.MEETING_HELD,
            EventCatalog.MEETING_NO_SHOW, EventCatalog.LEAD_WON, EventCatalog.LEAD_LOST, EventCatalog.SLA_ESCALATED);

    private record Ack(UUID leadId, Instant at, String ownerId, String teamId, String source, long seconds) {
    }

    private record WonKey(String personId, LocalDate day, String currency) {
    }

    private final Map<UUID, LeadRow> leads = new HashMap<>();
    private final List<Ack> acks = new ArrayList<>();
    private final Map<WonKey, BigDecimal> wonValues = new LinkedHashMap<>();

    @Override
    public void load(Connection c, ProjectionBatch batch, List<Event> events) throws SQLException {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Event event : events) {
            UUID lead = leadIdOf(event.data());
            if (lead != null) {
                ids.add(lead);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + LeadRow.COLUMNS + " FROM " + batch.schema
                + ".lead_fact WHERE lead_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LeadRow row = LeadRow.read(rs);
                    leads.put(row.leadId, row);
                }
            }
        }
    }

    @Override
    public void apply(ProjectionBatch b, Event event) {
        switch (event.data()) {
            case LeadReceived e -> {
                LeadRow row = lead(e.leadId());
                if (row.receivedAt == null) {
                    row.source = e.source().name();
                    row.referrerId = e.referrerId();
                    row.customerRef = e.customerRef();
                    row.receivedAt = Jdbc.micros(e.receivedAt());
                    row.urgencyClaimed = e.urgency() != null;
                    row.urgencyStatement = e.urgency() == null ? null : e.urgency().statement();
                    row.urgencyDemandedBy = e.urgency() == null ? null : Jdbc.micros(e.urgency().demandedBy());
                    b.observer.received(row.source);
                }
            }
            case LeadAssigned e -> {
                LeadRow row = lead(e.leadId());
                row.ownerId = e.toOwnerId();
                row.teamId = e.teamId() != null ? e.teamId() : row.teamId;
                row.assignedAt = Jdbc.micros(e.assignedAt());
                b.count(e.toOwnerId(), e.assignedAt(), Counter.ASSIGNED, 1);
            }
            case LeadQueued e -> {
                LeadRow row = lead(e.leadId());
                row.ownerId = null;
                row.teamId = e.teamId() != null ? e.teamId() : row.teamId;
            }
            case LeadStatusChanged e -> lead(e.leadId()).status = e.to().name();
            case LeadAcknowledged e -> {
                LeadRow row = lead(e.leadId());
                long seconds = Math.max(0, Duration.between(Jdbc.micros(e.assignedAt()), Jdbc.micros(e.acknowledgedAt())).toSeconds());
                row.acknowledgedAt = Jdbc.micros(e.acknowledgedAt());
                row.ackSeconds = seconds;
                row.clearOverdue();
                acks.add(new Ack(e.leadId(), Jdbc.micros(e.acknowledgedAt()), e.ownerId(), e.teamId(), row.source, seconds));
                b.count(e.ownerId(), e.acknowledgedAt(), Counter.ACKNOWLEDGED, 1);
                b.observer.acknowledged(e.teamId(), row.source, seconds, e.late());
            }
            case ContactAttempted e -> {
                LeadRow row = lead(e.leadId());
                if (e.first() && row.firstContactAt == null) {
                    row.firstContactAt = Jdbc.micros(e.attemptedAt());
                    row.firstContactBy = e.ownerId();
                    row.firstContactSeconds = row.receivedAt == null ? null
                            : Math.max(0, Duration.between(row.receivedAt, Jdbc.micros(e.attemptedAt())).toSeconds());
                    b.count(e.ownerId(), e.attemptedAt(), Counter.FIRST_CONTACTS, 1);
                    if (row.firstContactSeconds != null) {
                        b.observer.firstContact(e.teamId(), row.source, row.firstContactSeconds);
                    }
                }
                if (e.reached()) {
                    row.contactsReached++;
                    row.clearOverdue();
                }
            }
            case MeetingScheduled e -> lead(e.leadId()).meetingsScheduled++;
            case MeetingHeld e -> {
                LeadRow row = lead(e.leadId());
                row.meetingsHeld++;
                if (row.firstMeetingHeldAt == null || Jdbc.micros(e.recordedAt()).isBefore(row.firstMeetingHeldAt)) {
                    row.firstMeetingHeldAt = Jdbc.micros(e.recordedAt());
                }
                b.count(e.ownerId(), e.recordedAt(), Counter.MEETINGS_HELD, 1);
            }
            case MeetingNoShow e -> {
                lead(e.leadId()).noShows++;
                b.count(e.ownerId(), e.recordedAt(), Counter.NO_SHOWS, 1);
            }
            case LeadWon e -> {
                LeadRow row = lead(e.leadId());
                row.status = "WON";
                row.closedAt = Jdbc.micros(e.wonAt());
                row.clearOverdue();
                String owner = e.ownerId() != null ? e.ownerId() : e.closedBy();
                b.count(owner, e.wonAt(), Counter.WON, 1);
                wonValues.merge(new WonKey(owner, b.day(e.wonAt()), e.value().currency()), e.value().amount(), BigDecimal::add);
                b.observer.won(e.teamId(), e.value().currency(), e.value().amount());
            }
            case LeadLost e -> {
                LeadRow row = lead(e.leadId());
                row.status = "LOST";
                row.closedAt = Jdbc.micros(e.lostAt());
                row.lossReason = e.reason();
                row.clearOverdue();
                b.count(e.ownerId() != null ? e.ownerId() : e.closedBy(), e.lostAt(), Counter.LOST, 1);
            }
            case SlaEscalated e -> {
                LeadRow row = lead(e.leadId());
                row.overdue = true;
                row.overdueClock = e.clock().name();
                row.overdueDueAt = Jdbc.micros(e.dueAt());
                b.count(e.ownerId(), e.escalatedAt(), Counter.SLA_ESCALATIONS, 1);
                b.observer.escalated(e.teamId(), e.clock().name());
            }
            default -> throw new IllegalArgumentException("Not a lead event: " + event.data());
        }
    }

    @Override
    public void flush(Connection c, ProjectionBatch batch) throws SQLException {
        String schema = batch.schema;
        List<LeadRow> changed = leads.values().stream().filter(r -> r.changed).toList();
        if (!changed.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".lead_fact (" + LeadRow.COLUMNS + ") VALUES ("
                    + "?,".repeat(LeadRow.COUNT - 1) + "?) ON CONFLICT (lead_id) DO UPDATE SET " + LeadRow.UPDATES)) {
                for (LeadRow row : changed) {
                    row.bind(s);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (!acks.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".ack_fact (lead_id, acknowledged_at, owner_id, "
                    + "team_id, source, seconds) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Ack a : acks) {
                    s.setObject(1, a.leadId());
                    s.setTimestamp(2, Timestamp.from(a.at()));
                    s.setString(3, a.ownerId());
                    s.setString(4, a.teamId());
                    s.setString(5, a.source());
                    s.setLong(6, a.seconds());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (!wonValues.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".won_value (person_id, day, currency, amount) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (person_id, day, currency) DO UPDATE SET amount = won_value.amount + excluded.amount")) {
                for (Map.Entry<WonKey, BigDecimal> entry : wonValues.entrySet()) {
                    s.setString(1, entry.getKey().personId());
                    s.setDate(2, Date.valueOf(entry.getKey().day()));
                    s.setString(3, entry.getKey().currency());
                    s.setBigDecimal(4, entry.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    /** The lead's row, marked as changed: every event of a lead changes its row. */
    private LeadRow lead(UUID id) {
        LeadRow row = leads.computeIfAbsent(id, LeadRow::new);
        row.changed = true;
        return row;
    }

    private static UUID leadIdOf(Object d) {
        return switch (d) {
            case LeadReceived e -> e.leadId();
            case LeadAssigned e -> e.leadId();
            case LeadQueued e -> e.leadId();
            case LeadStatusChanged e -> e.leadId();
            case LeadAcknowledged e -> e.leadId();
            case ContactAttempted e -> e.leadId();
            case MeetingScheduled e -> e.leadId();
            case MeetingHeld e -> e.leadId();
            case MeetingNoShow e -> e.leadId();
            case LeadWon e -> e.leadId();
            case LeadLost e -> e.leadId();
            case SlaEscalated e -> e.leadId();
            default -> null;
        };
    }
}
