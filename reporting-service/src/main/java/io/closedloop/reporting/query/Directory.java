package io.closedloop.reporting.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.agroal.api.AgroalDataSource;
import io.closedloop.reporting.projection.ReadModel;
import jakarta.enterprise.context.ApplicationScoped;

/** People and teams as the read models know them, from leads-service's events. */
@ApplicationScoped
public class Directory {

    public record Person(String id, String name, String teamId, String managerId) {
    }

    private final AgroalDataSource dataSource;
    private final ReadModel readModel;

    Directory(AgroalDataSource dataSource, ReadModel readModel) {
        this.dataSource = dataSource;
        this.readModel = readModel;
    }

    public Optional<Person> person(String id) {
        return query("SELECT id, name, team_id, manager_id FROM %s.person WHERE id = ?", id).stream().findFirst();
    }

    public List<Person> team(String teamId) {
        return query("SELECT id, name, team_id, manager_id FROM %s.person WHERE team_id = ? ORDER BY id", teamId);
    }

    public boolean managesTeam(String managerId, String teamId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + readModel.live() + ".team WHERE id = ? AND manager_id = ?")) {
            s.setString(1, teamId);
            s.setString(2, managerId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code managerId} manages {@code personId}: their own manager, or their team's. */
    public boolean manages(String managerId, String personId) {
        return person(personId).map(p -> managerId.equals(p.managerId())
                || (p.teamId() != null && managesTeam(managerId, p.teamId()))).orElse(false);
    }

    private List<Person> query(String sql, String arg) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(sql.formatted(readModel.live()))) {
            s.setString(1, arg);
            List<Person> people = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    people.add(new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return people;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
