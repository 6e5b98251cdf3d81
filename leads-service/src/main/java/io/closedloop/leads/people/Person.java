package io.closedloop.leads.people;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import io.closedloop.leads.settings.Json;
import io.closedloop.platform.time.OpeningHours;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Id
    public String id;

    @Version
    public long version;

    @Column(nullable = false)
    public String name;

    public String email;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String roles;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "manager_id")
    public String managerId;

    public Integer capacity;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "out_of_office_until")
    public Instant outOfOfficeUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String territories;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "working_hours")
    public String workingHours;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "last_assigned_at")
    public Instant lastAssignedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> roleList() {
        return Json.read(roles, STRINGS);
    }

    public List<String> territoryList() {
        return Json.read(territories, STRINGS);
    }

    public Map<DayOfWeek, List<OpeningHours>> week() {
        return workingHours == null ? null : Json.read(workingHours, Team.WEEK);
    }

    /** Whether rotations may give this person leads: they work leads, not only manage or refer them. */
    public boolean isAgent() {
        return roleList().contains("agent");
    }

    public boolean isAvailable(Instant now) {
        return active && (outOfOfficeUntil == null || !outOfOfficeUntil.isAfter(now));
    }
}
