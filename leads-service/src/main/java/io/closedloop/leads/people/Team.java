package io.closedloop.leads.people;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import io.closedloop.leads.settings.Json;
import io.closedloop.platform.time.BusinessCalendar;
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
@Table(name = "team")
public class Team extends PanacheEntityBase {

    static final TypeReference<Map<DayOfWeek, List<OpeningHours>>> WEEK = new TypeReference<>() {
    };
    static final TypeReference<List<LocalDate>> DATES = new TypeReference<>() {
    };

    @Id
    public String id;

    @Version
    public long version;

    @Column(nullable = false)
    public String name;

    @Column(name = "manager_id")
    public String managerId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "business_hours", nullable = false)
    public String businessHours;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "closed_dates", nullable = false)
    public String closedDates;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Map<DayOfWeek, List<OpeningHours>> week() {
        return Json.read(businessHours, WEEK);
    }

    public List<LocalDate> closed() {
        return Json.read(closedDates, DATES);
    }

    public BusinessCalendar calendar() {
        return BusinessCalendar.of(ZoneId.of(timeZone), week(), Set.copyOf(closed()));
    }
}
