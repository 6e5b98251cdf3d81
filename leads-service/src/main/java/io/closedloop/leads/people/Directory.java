package io.closedloop.leads.people;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.closedloop.leads.access.LeadAccess;
import io.closedloop.platform.time.BusinessCalendar;
import io.closedloop.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/** Lookups in the people and team directory that the rest of the service needs. */
@ApplicationScoped
public class Directory {

    public Optional<Person> person(String id) {
        return id == null ? Optional.empty() : Person.findByIdOptional(id);
    }

    public Optional<Team> team(String id) {
        return id == null ? Optional.empty() : Team.findByIdOptional(id);
    }

    /** The caller with their team and the teams they manage, which is what access to leads depends on. */
    public LeadAccess.Viewer viewer(Caller caller) {
        String teamId = person(caller.personId()).map(p -> p.teamId).orElse(null);
        Set<String> managed = new HashSet<>(Team.<Team>list("managerId", caller.personId()).stream().map(t -> t.id).toList());
        return new LeadAccess.Viewer(caller, teamId, Set.copyOf(managed));
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
        return team(teamId).map(Team::calendar).orElse(BusinessCalendar.ALWAYS);
    }

    public List<Person> members(String teamId) {
        return Person.list("teamId", teamId);
    }
}
