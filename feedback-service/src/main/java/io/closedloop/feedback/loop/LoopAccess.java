package io.closedloop.feedback.loop;

import java.util.Set;

import io.closedloop.platform.security.Caller;

/**
 * Who sees a loop: its initiator, its owner, the managers of its team, admins. Anyone else is told it does not exist.
 * Pure.
 */
public final class LoopAccess {

    private LoopAccess() {
    }

    public static boolean maySee(Caller caller, Set<String> managedTeams, String initiatorId, String ownerId, String teamId) {
        return caller.isAdmin() || caller.personId().equals(initiatorId) || caller.personId().equals(ownerId)
                || (caller.isManager() && teamId != null && managedTeams.contains(teamId));
    }
}
