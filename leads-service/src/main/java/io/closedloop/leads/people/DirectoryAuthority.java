package io.closedloop.leads.people;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.closedloop.platform.security.Caller;

/**
 * Who may write a directory entry. The admin writes any. A manager manages the agents of the teams they manage, and
 * nothing beyond: not people without a team (referrers, other teams' strays), not other managers, not themselves, not
 * the manager role, and not a manager of record other than themselves. Pure.
 */
public final class DirectoryAuthority {

    /** What an entry is before the write ({@code null} when it does not exist yet). */
    public record Entry(String id, String teamId, List<String> roles) {
    }

    /** What the write would make of it. */
    public record Change(String teamId, Set<String> roles, String managerId) {
    }

    private DirectoryAuthority() {
    }

    /** Why {@code caller} may not make {@code change} to {@code existing}, or empty when they may. */
    public static Optional<String> refusal(Caller caller, Set<String> managedTeams, Entry existing, Change change) {
        if (caller.isAdmin()) {
            return Optional.empty();
        }
        if (!caller.isManager()) {
            return Optional.of("Only managers and the admin change the directory");
        }
        if (existing != null) {
            if (existing.id().equals(caller.personId())) {
                return Optional.of("A manager's own entry is the admin's to change");
            }
            if (existing.teamId() == null || !managedTeams.contains(existing.teamId())) {
                return Optional.of("A manager changes people of the teams they manage; this person is not in one");
            }
            if (existing.roles().contains("manager")) {
                return Optional.of("A manager changes agents; another manager's entry is the admin's to change");
            }
        }
        if (change.teamId() == null || !managedTeams.contains(change.teamId())) {
            return Optional.of("A manager keeps people within the teams they manage");
        }
        if (!change.roles().contains("agent") || change.roles().contains("manager")) {
            return Optional.of("A manager manages agents: the roles must include AGENT and not MANAGER");
        }
        if (change.managerId() != null && !change.managerId().equals(caller.personId())) {
            return Optional.of("A manager names only themselves as an agent's manager");
        }
        return Optional.empty();
    }
}
