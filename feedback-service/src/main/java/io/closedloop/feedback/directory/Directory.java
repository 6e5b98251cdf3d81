package io.closedloop.feedback.directory;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.events.EventJson;
import io.closedloop.events.person.PersonChanged;
import io.closedloop.events.team.TeamChanged;
import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.platform.time.BusinessCalendar;
import io.closedloop.platform.time.OpeningHours;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * People and teams as leads-service describes them in its events: names to word messages, managers to escalate to,
 * business hours to count deadlines in. A change older than the one already known is ignored.
 */
@ApplicationScoped
public class Directory {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Map<DayOfWeek, List<OpeningHours>> OFFICE_HOURS = officeHours();

    private final ZoneId defaultZone;

    Directory(FeedbackConfig config) {
        this.defaultZone = ZoneId.of(config.defaultTimeZone());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onPersonChanged(PersonChanged event) {
        Person person = Person.findById(event.personId());
        if (person != null && person.changedAt.isAfter(event.changedAt())) {
            return;
        }
        if (person == null) {
            person = new Person();
            person.id = event.personId();
        }
        person.name = event.name();
        person.teamId = event.teamId();
        person.managerId = event.managerId();
        person.active = event.active();
        person.changedAt = event.changedAt();
        person.persist();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onTeamChanged(TeamChanged event) {
        Team team = Team.findById(event.teamId());
        if (team != null && team.changedAt.isAfter(event.changedAt())) {
            return;
        }
        if (team == null) {
            team = new Team();
            team.id = event.teamId();
        }
        team.name = event.name();
        team.managerId = event.managerId();
        team.timeZone = event.timeZone();
        team.businessHours = event.businessHours() == null ? null : write(event.businessHours());
        team.closedDates = event.closedDates() == null ? null : write(event.closedDates());
        team.changedAt = event.changedAt();
        team.persist();
    }

    public Optional<Person> person(String id) {
        return id == null ? Optional.empty() : Person.findByIdOptional(id);
    }

    public Optional<Team> team(String id) {
        return id == null ? Optional.empty() : Team.findByIdOptional(id);
    }

    public String nameOf(String personId) {
        return personId == null ? "nobody" : person(personId).map(p -> p.name).orElse(personId);
    }

    /** A team's name for messages; its id when it is not known yet, "its team" when there is none. */
    public String teamName(String teamId) {
        return team(teamId).map(t -> t.name).orElse(teamId == null ? "its team" : teamId);
    }

    public String teamOf(String personId) {
        return person(personId).map(p -> p.teamId).orElse(null);
    }

    /** The owner's own manager, else their team's. */
    public String managerOf(String personId, String teamId) {
        return person(personId).map(p -> p.managerId)
                .or(() -> team(teamId).map(t -> t.managerId))
                .orElse(null);
    }

    public Set<String> teamsManagedBy(String personId) {
        return new HashSet<>(Team.<Team>list("managerId", personId).stream().map(t -> t.id).toList());
    }

    /** The team's business calendar; office hours (Monday to Friday, 9 to 6) in the default zone otherwise. */
    public BusinessCalendar calendarOf(String teamId) {
        Optional<Team> team = team(teamId);
        if (team.isPresent() && team.get().businessHours != null) {
            try {
                Map<String, List<io.closedloop.events.team.OpeningHours>> hours =
                        JSON.readValue(team.get().businessHours, new TypeReference<>() { });
                Map<DayOfWeek, List<OpeningHours>> week = new EnumMap<>(DayOfWeek.class);
                hours.forEach((day, ranges) -> week.put(DayOfWeek.valueOf(day), ranges.stream()
                        .map(r -> new OpeningHours(LocalTime.parse(r.from()), LocalTime.parse(r.to()))).toList()));
                List<LocalDate> closed = team.get().closedDates == null ? List.of()
                        : JSON.readValue(team.get().closedDates, new TypeReference<List<LocalDate>>() { });
                return BusinessCalendar.of(ZoneId.of(team.get().timeZone), week, Set.copyOf(closed));
            } catch (Exception e) {
                // A calendar leads-service accepted but this service cannot read: fall back to office hours.
            }
        }
        ZoneId zone = team.map(t -> ZoneId.of(t.timeZone)).orElse(defaultZone);
        return BusinessCalendar.of(zone, OFFICE_HOURS, Set.of());
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<DayOfWeek, List<OpeningHours>> officeHours() {
        Map<DayOfWeek, List<OpeningHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(day, List.of(new OpeningHours(LocalTime.of(9, 0), LocalTime.of(18, 0))));
        }
        return week;
    }
}
