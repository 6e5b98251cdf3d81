package io.closedloop.leads.access;

import java.util.Set;

import io.closedloop.platform.security.Caller;

/**
 * Who sees a lead, and how much. Admins see everything; managers their teams' leads; agents their own leads, their
 * team's unassigned queue and leads where they have an open step (the check-back after a handoff); referrers only
 * what they referred, and only what a referrer should see. Anyone else is told the lead does not exist (404).
 */
public final class LeadAccess {

    public enum View { FULL, REFERRER, NONE }

    /** The caller with what access depends on: their own team and the teams they manage. */
    public record Viewer(Caller caller, String teamId, Set<String> managedTeams) {

        public String personId() {
            return caller.personId();
        }
    }

    /** What of a lead access depends on. */
    public record LeadFacts(String ownerId, String teamId, String referrerId, Set<String> openStepAssignees) {
    }

    private LeadAccess() {
    }

    public static View view(Viewer viewer, LeadFacts lead) {
        Caller caller = viewer.caller();
        if (caller.isAdmin()) {
            return View.FULL;
        }
        if (caller.isManager() && (manages(viewer, lead) || viewer.personId().equals(lead.ownerId()))) {
            return View.FULL;
        }
        if (caller.isAgent() && (viewer.personId().equals(lead.ownerId())
                || (lead.ownerId() == null && lead.teamId() != null && lead.teamId().equals(viewer.teamId()))
                || lead.openStepAssignees().contains(viewer.personId()))) {
            return View.FULL;
        }
        if (caller.is(io.closedloop.platform.security.Roles.REFERRER) && viewer.personId().equals(lead.referrerId())) {
            return View.REFERRER;
        }
        return View.NONE;
    }

    /**
     * Whether the lead's open-step assignees could change {@code view}, given the view without them: only for an agent
     * the rest does not already show it to (steps only ever widen an agent's view to FULL). Reading them is a query;
     * access for an owner, their manager or an admin — most requests — needs none (what a request then does may still
     * read them: adding or settling a step reads them again to keep the lead's earliest step deadline).
     */
    public static boolean stepsMatter(Viewer viewer, LeadFacts withoutSteps) {
        return viewer.caller().isAgent() && view(viewer, withoutSteps) != View.FULL;
    }

    /** Work on the lead (contacts, meetings, plan, outcome): its owner, its team's managers, admins. */
    public static boolean mayWork(Viewer viewer, LeadFacts lead) {
        Caller caller = viewer.caller();
        return caller.isAdmin()
                || (viewer.personId().equals(lead.ownerId()) && (caller.isAgent() || caller.isManager()))
                || (caller.isManager() && manages(viewer, lead));
    }

    /** Whether the viewer manages the lead's team; a lead without one is no manager's (an immutable set refuses null). */
    private static boolean manages(Viewer viewer, LeadFacts lead) {
        return lead.teamId() != null && viewer.managedTeams().contains(lead.teamId());
    }
}
