package io.closedloop.leads.people;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.closedloop.leads.access.LeadAccess;
import io.closedloop.platform.cache.Cached;
import io.closedloop.platform.cache.ReferenceData;
import io.closedloop.platform.time.BusinessCalendar;
import io.closedloop.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lookups in the people and team directory that the rest of the service needs, from memory: the directory is read on
 * every write path and changes rarely, so it is kept until a change to it is announced ({@link #changed()}, by the
 * people and team endpoints; see {@link ReferenceData}). What it hands out is shared: read it, never change it.
 */
@ApplicationScoped
public class Directory {

    static final String TOPIC = "directory";

    private final ReferenceData reference;
    private final Cached<String, Optional<Person>> people;
    private final Cached<String, Optional<Team>> teams;
    private final Cached<String, List<Person>> members;
    private final Cached<String, Set<String>> managedTeams;
    private final Cached<String, BusinessCalendar> calendars;

    Directory(ReferenceData reference) {
        this.reference = reference;
        this.people = reference.cache(TOPIC);
        this.teams = reference.cache(TOPIC);
        this.members = reference.cache(TOPIC);
        this.managedTeams = reference.cache(TOPIC);
        this.calendars = reference.cache(TOPIC);
    }

    /** Announces, in the writing transaction, that people or teams changed. */
    void changed() {
        reference.changed(TOPIC);
    }

    public Optional<Person> person(String id) {
        return id == null ? Optional.empty() : people.get(id, key -> Person.<Person>findByIdOptional(key));
    }

    public Optional<Team> team(String id) {
        return id == null ? Optional.empty() : teams.get(id, key -> Team.<Team>findByIdOptional(key));
    }

    /** The caller with their team and the teams they manage, which is what access to leads depends on. */
    public LeadAccess.Viewer viewer(Caller caller) {
        String teamId = person(caller.personId()).map(p -> p.teamId).orElse(null);
        return new LeadAccess.Viewer(caller, teamId, teamsManagedBy(caller.personId()));
    }

    public Set<String> teamsManagedBy(String personId) {
        return managedTeams.get(personId, id -> Set.copyOf(Team.<Team>list("managerId", id).stream().map(t -> t.id).toList()));
    }

    /** Who is told when an owner misses a deadline: their own manager, else their team's. */
    public String managerOf(String personId, String teamId) {
        return person(personId).map(p -> p.managerId)
                .or(() -> team(teamId).map(t -> t.managerId))
                .orElse(null);
    }

    public String nameOf(String personId) {
        return personId == null ? null : person(personId).map(p -> p.name).orElse(personId);
    }

    public BusinessCalendar calendarOf(String teamId) {
        return teamId == null ? BusinessCalendar.ALWAYS
                : calendars.get(teamId, id -> team(id).map(Team::calendar).orElse(BusinessCalendar.ALWAYS));
    }

    public List<Person> members(String teamId) {
        return members.get(teamId, id -> List.copyOf(Person.<Person>list("teamId", id)));
    }
}
