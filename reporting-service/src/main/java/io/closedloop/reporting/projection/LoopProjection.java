package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.events.loop.LoopClosed;
import io.closedloop.events.loop.LoopConfirmed;
import io.closedloop.events.loop.LoopEchoed;
import io.closedloop.events.loop.LoopOpened;
import io.closedloop.events.loop.LoopOverdue;
import io.closedloop.events.loop.LoopReceiptRecorded;
import io.closedloop.reporting.projection.PersonDayCounters.Counter;

/**
 * Read model {@code loop_fact} (one row per loop: who owes whom, how fast the receipt came, echoes and lateness, when
 * it closed and was confirmed) and the loop counters of {@code person_day}.
 */
final class LoopProjection implements Projection {

    static final Set<EventType<?>> CONSUMES = Set.of(EventCatalog.LOOP_OPENED, EventCatalog.LOOP_RECEIPT_RECORDED,
            EventCatalog.LOOP_ECHOED, EventCatalog.LOOP_OVERDUE, EventCatalog.LOOP_CLOSED, EventCatalog.LOOP_CONFIRMED);

    private final Map<UUID, LoopRow> loops = new HashMap<>();

    @Override
    public void load(Connection c, ProjectionBatch batch, List<Event> events) throws SQLException {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Event event : events) {
            UUID loop = loopIdOf(event.data());
            if (loop != null) {
                ids.add(loop);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + LoopRow.COLUMNS + " FROM " + batch.schema
                + ".loop_fact WHERE loop_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LoopRow row = LoopRow.read(rs);
                    loops.put(row.loopId, row);
                }
            }
        }
    }

    @Override
    public void apply(ProjectionBatch b, Event event) {
        switch (event.data()) {
            case LoopOpened e -> {
                LoopRow row = loop(e.loopId(), e.kind().name(), e.initiatorId(), e.openedAt());
                b.observer.loopOpened(e.kind().name());
                row.openedAt = Jdbc.micros(e.openedAt());
                row.leadId = e.leadId();
                row.ownerId = row.ownerId == null ? e.ownerId() : row.ownerId;
                row.teamId = row.teamId == null ? e.teamId() : row.teamId;
            }
            case LoopReceiptRecorded e -> {
                LoopRow row = loop(e.loopId(), e.kind().name(), e.initiatorId(), e.openedAt());
                row.receiptAt = Jdbc.micros(e.receivedAt());
                row.receiptSeconds = e.latencySeconds();
                row.receiptLate = e.late();
                row.ownerId = e.ownerId() != null ? e.ownerId() : row.ownerId;
            }
            case LoopEchoed e -> {
                LoopRow row = loop(e.loopId(), e.kind().name(), e.initiatorId(), null);
                row.echoes++;
                if (e.late()) {
                    row.lateEchoes++;
                }
                row.ownerId = e.ownerId() != null ? e.ownerId() : row.ownerId;
                b.count(e.ownerId(), e.occurredAt(), Counter.ECHOES, 1);
                b.count(e.ownerId(), e.occurredAt(), Counter.LATE_ECHOES, e.late() ? 1 : 0);
                b.observer.echoed(e.kind().name(), e.echo().name(), e.latencySeconds(), e.late());
            }
            case LoopOverdue e -> {
                LoopRow row = loop(e.loopId(), e.kind().name(), e.initiatorId(), null);
                row.overdue++;
                row.teamId = e.teamId() != null ? e.teamId() : row.teamId;
                b.count(e.ownerId(), e.at(), Counter.LOOPS_OVERDUE, 1);
            }
            case LoopClosed e -> {
                LoopRow row = loop(e.loopId(), e.kind().name(), e.initiatorId(), e.openedAt());
                row.closedAt = Jdbc.micros(e.closedAt());
                row.teamId = e.teamId() != null ? e.teamId() : row.teamId;
                b.observer.loopClosed(e.kind().name(), row.teamId);
                b.count(e.ownerId(), e.closedAt(), Counter.LOOPS_CLOSED, 1);
            }
            case LoopConfirmed e -> {
                LoopRow row = loop(e.loopId(), e.kind().name(), e.initiatorId(), null);
                row.confirmedAt = Jdbc.micros(e.confirmedAt());
                b.count(e.ownerId(), e.confirmedAt(), Counter.LOOPS_CONFIRMED, 1);
            }
            default -> throw new IllegalArgumentException("Not a loop event: " + event.data());
        }
    }

    @Override
    public void flush(Connection c, ProjectionBatch batch) throws SQLException {
        List<LoopRow> changed = loops.values().stream().filter(r -> r.changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + batch.schema + ".loop_fact (" + LoopRow.COLUMNS + ") VALUES ("
                + "?,".repeat(LoopRow.COUNT - 1) + "?) ON CONFLICT (loop_id) DO UPDATE SET " + LoopRow.UPDATES)) {
            for (LoopRow row : changed) {
                row.bind(s);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private LoopRow loop(UUID id, String kind, String initiatorId, Instant openedAt) {
        LoopRow row = loops.computeIfAbsent(id, LoopRow::new);
        // A loop event read before its opening (not in one partition, but cheap to survive) keeps what it knows,
        // so the row is the same however the events were batched.
        row.kind = row.kind == null ? kind : row.kind;
        row.initiatorId = row.initiatorId == null ? initiatorId : row.initiatorId;
        row.openedAt = row.openedAt == null ? Jdbc.micros(openedAt) : row.openedAt;
        row.changed = true;
        return row;
    }

    private static UUID loopIdOf(Object d) {
        return switch (d) {
            case LoopOpened e -> e.loopId();
            case LoopReceiptRecorded e -> e.loopId();
            case LoopEchoed e -> e.loopId();
            case LoopOverdue e -> e.loopId();
            case LoopClosed e -> e.loopId();
            case LoopConfirmed e -> e.loopId();
            default -> null;
        };
    }
}
