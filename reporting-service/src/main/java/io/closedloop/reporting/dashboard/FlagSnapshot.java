package io.closedloop.reporting.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.closedloop.platform.tx.JdbcTransactions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The flags a team's scorecard raises this month, kept in {@code flag_snapshot} for the dashboards' "people with
 * flags" table: the answer of the one place the rules live, not a second copy of them in SQL. Written by whoever
 * computes the team's card (the gauges' refresh), and only when the answer changed since this replica last wrote it.
 */
@ApplicationScoped
public class FlagSnapshot {

    /** One flag raised on one person, with the numbers behind it. */
    public record Raised(String personId, String kind, String message, Map<String, Object> numbers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource dataSource;
    /** What each team's rows hold now: the snapshot is replaced per team, so one entry per team. */
    private record Written(String period, List<Raised> raised) {
    }

    private final Map<String, Written> lastWritten = new ConcurrentHashMap<>();

    FlagSnapshot(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void replace(String teamId, String period, List<Raised> raised, Instant at) {
        Written now = new Written(period, List.copyOf(raised));
        if (now.equals(lastWritten.get(teamId))) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            List<String> numbers = new ArrayList<>();
            for (Raised flag : raised) {
                numbers.add(JSON.writeValueAsString(flag.numbers()));
            }
            JdbcTransactions.inTransaction(c, () -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM flag_snapshot WHERE team_id = ?");
                     PreparedStatement insert = c.prepareStatement("INSERT INTO flag_snapshot (team_id, person_id, kind, "
                             + "message, numbers, period, computed_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING")) {
                    delete.setString(1, teamId);
                    delete.executeUpdate();
                    for (int i = 0; i < raised.size(); i++) {
                        insert.setString(1, teamId);
                        insert.setString(2, raised.get(i).personId());
                        insert.setString(3, raised.get(i).kind());
                        insert.setString(4, raised.get(i).message());
                        insert.setString(5, numbers.get(i));
                        insert.setString(6, period);
                        insert.setTimestamp(7, Timestamp.from(at));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Flags of " + teamId + " not kept for the dashboards: " + e.getMessage(), e);
        }
        lastWritten.put(teamId, now);
    }
}
