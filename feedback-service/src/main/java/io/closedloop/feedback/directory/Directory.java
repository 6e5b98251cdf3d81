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
import io.closedloop.platform.cache.Cached;
import io.closedloop.platform.cache.ReferenceData;
import io.closedloop.platform.time.BusinessCalendar;
import io.closedloop.platform.time.OpeningHours;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * People and teams as leads-service describes them in its events: names to word messages, managers to escalate to,
 * business hours to count deadlines in. A change older than the one already known is ignored.
 *
 * <p>Every event a consumer applies words a message with somebody's name and counts a deadline in some team's hours,
 * so both are kept in memory ({@link ReferenceData}) as immutable snapshots, the calendar parsed once; a change
 * forgets them here at once and in the other replicas when it commits.
 */
@ApplicationScoped
public class Directory {

    /** What messages and deadlines need of a person. */
    record PersonEntry(String name, String teamId, String managerId, String email) {
    }

    /** What messages and deadlines need of a team: its calendar already parsed. */
    record TeamEntry(String name, String managerId, BusinessCalendar calendar) {
    }

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Map<DayOfWeek, List<OpeningHours>> OFFICE_HOURS = officeHours();
    private static final String PEOPLE = "feedback.people";
    private static final String TEAMS = "feedback.teams";

    private final ZoneId defaultZone;
    private final ReferenceData reference;
    private final Cached<String, Optional<PersonEntry>> people;
    private final Cached<String, Optional<TeamEntry>> teams;

    Directory(FeedbackConfig config, ReferenceData reference) {
        this.defaultZone = ZoneId.of(config.defaultTimeZone());
        this.reference = reference;
        this.people = reference.cache(PEOPLE);
        this.teams = reference.cache(TEAMS);
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
        person.email = event.email();
        person.teamId = event.teamId();
        person.managerId = event.managerId();
        person.active = event.active();
        person.changedAt = event.changedAt();
        person.persist();
        people.forget();
        reference.changed(PEOPLE);
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
        teams.forget();
        reference.changed(TEAMS);
    }

    /** Whether leads-service has told this service of the person. */
    public boolean knows(String personId) {
        return person(personId).isPresent();
    }

    /** Whether leads-service has told this service of the team. */
    public boolean knowsTeam(String teamId) {
        return team(teamId).isPresent();
    }

    private Optional<PersonEntry> person(String id) {
        return id == null ? Optional.empty() : people.get(id, key -> Person.<Person>findByIdOptional(key)
                .map(p -> new PersonEntry(p.name, p.teamId, p.managerId, p.email)));
    }

    private Optional<TeamEntry> team(String id) {
        return id == null ? Optional.empty() : teams.get(id, key -> Team.<Team>findByIdOptional(key)
                .map(t -> new TeamEntry(t.name, t.managerId, calendarOf(t))));
    }

    public String nameOf(String personId) {
        return personId == null ? "nobody" : person(personId).map(p -> p.name).orElse(personId);
    }

    /** A team's name for messages; its id when it is not known yet, "its team" when there is none. */
    public String teamName(String teamId) {
        return team(teamId).map(TeamEntry::name).orElse(teamId == null ? "its team" : teamId);
    }

    /** Where e-mail reaches the person, when leads-service knows an address. */
    public Optional<String> emailOf(String personId) {
        return person(personId).map(PersonEntry::email).filter(address -> !address.isBlank());
    }

    /** The zone a person's times are shown in: their team's, else the service's default. */
    public ZoneId zoneOf(String personId) {
        return calendarOf(teamOf(personId)).zone();
    }

    public String teamOf(String personId) {
        return person(personId).map(PersonEntry::teamId).orElse(null);
    }

    /** The owner's own manager, else their team's. */
    public String managerOf(String personId, String teamId) {
        return person(personId).map(PersonEntry::managerId)
                .or(() -> team(teamId).map(TeamEntry::managerId))
                .orElse(null);
    }

    public Set<String> teamsManagedBy(String personId) {
        return new HashSet<>(Team.<Team>list("managerId", personId).stream().map(t -> t.id).toList());
    }

    /** The team's business calendar; office hours (Monday to Friday, 9 to 6) in the default zone otherwise. */
    public BusinessCalendar calendarOf(String teamId) {
        return team(teamId).map(TeamEntry::calendar).orElseGet(() -> BusinessCalendar.of(defaultZone, OFFICE_HOURS, Set.of()));
    }

    private BusinessCalendar calendarOf(Team team) {
        if (team.businessHours != null) {
            try {
                Map<String, List<io.closedloop.events.team.OpeningHours>> hours =
                        JSON.readValue(team.businessHours, new TypeReference<>() { });
                Map<DayOfWeek, List<OpeningHours>> week = new EnumMap<>(DayOfWeek.class);
                hours.forEach((day, ranges) -> week.put(DayOfWeek.valueOf(day), ranges.stream()
                        .map(r -> new OpeningHours(LocalTime.parse(r.from()), LocalTime.parse(r.to()))).toList()));
                List<LocalDate> closed = team.closedDates == null ? List.of()
                        : JSON.readValue(team.closedDates, new TypeReference<List<LocalDate>>() { });
                return BusinessCalendar.of(ZoneId.of(team.timeZone), week, Set.copyOf(closed));
            } catch (Exception e) {
                // A calendar leads-service accepted but this service cannot read: fall back to office hours.
            }
        }
        return BusinessCalendar.of(ZoneId.of(team.timeZone), OFFICE_HOURS, Set.of());
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
