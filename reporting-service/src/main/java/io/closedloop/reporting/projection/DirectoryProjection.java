package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.events.person.PersonChanged;
import io.closedloop.events.team.TeamChanged;

/** Read models {@code person} and {@code team}: the directory as leads-service last described it (newest change wins). */
final class DirectoryProjection implements Projection {

    static final Set<EventType<?>> CONSUMES = Set.of(EventCatalog.PERSON_CHANGED, EventCatalog.TEAM_CHANGED);

    private final Map<String, PersonChanged> people = new LinkedHashMap<>();
    private final Map<String, TeamChanged> teams = new LinkedHashMap<>();

    @Override
    public void apply(ProjectionBatch batch, Event event) {
        switch (event.data()) {
            case PersonChanged e -> people.merge(e.personId(), e, (a, n) -> n.changedAt().isAfter(a.changedAt()) ? n : a);
            case TeamChanged e -> {
                teams.merge(e.teamId(), e, (a, n) -> n.changedAt().isAfter(a.changedAt()) ? n : a);
                batch.observer.teamSeen(e.teamId());
            }
            default -> throw new IllegalArgumentException("Not a directory event: " + event.data());
        }
    }

    @Override
    public void flush(Connection c, ProjectionBatch batch) throws SQLException {
        String schema = batch.schema;
        if (!people.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".person (id, name, team_id, manager_id, agent, active, changed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, team_id = excluded.team_id, "
                    + "manager_id = excluded.manager_id, agent = excluded.agent, active = excluded.active, "
                    + "changed_at = excluded.changed_at WHERE person.changed_at <= excluded.changed_at")) {
                for (PersonChanged p : people.values()) {
                    s.setString(1, p.personId());
                    s.setString(2, p.name());
                    s.setString(3, p.teamId());
                    s.setString(4, p.managerId());
                    s.setBoolean(5, p.roles().stream().anyMatch("agent"::equalsIgnoreCase));
                    s.setBoolean(6, p.active());
                    s.setTimestamp(7, Timestamp.from(Jdbc.micros(p.changedAt())));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (!teams.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".team (id, name, manager_id, changed_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, manager_id = excluded.manager_id, "
                    + "changed_at = excluded.changed_at WHERE team.changed_at <= excluded.changed_at")) {
                for (TeamChanged t : teams.values()) {
                    s.setString(1, t.teamId());
                    s.setString(2, t.name());
                    s.setString(3, t.managerId());
                    s.setTimestamp(4, Timestamp.from(Jdbc.micros(t.changedAt())));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }
}
