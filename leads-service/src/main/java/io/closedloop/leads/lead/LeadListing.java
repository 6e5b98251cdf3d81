package io.closedloop.leads.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.closedloop.events.lead.LeadStatus;
import io.closedloop.leads.access.LeadAccess;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.Roles;

/**
 * The statement that finds which leads one page of a listing holds, written to read in proportion to the page and to
 * the viewer's own leads, never to the whole company's.
 *
 * <p>Who may see a lead is a disjunction (the same rules as {@link LeadAccess}): their own, their team's unassigned
 * ones, those with an open plan step of theirs, their managed teams', their referrals. Asked for "a or b or c, in due
 * order, the first 51", PostgreSQL reads every lead the other conditions let through — for an agent's queue every open
 * lead of every team — and sorts them: among 300,000 leads, 90,000 of them open, one agent's queue read 7,614 pages in
 * 72 ms with statistics and 6,975 in 140 ms without (PostgreSQL 17, BENCHMARKS.md, 2026-12-07). Here each way of
 * seeing is a branch of its own, which an index on its own column finds and cuts to the page, and the branches are
 * merged: 792 and 787 pages there, for an agent with 600 open leads. {@code LeadListingPlanTest} checks both that
 * every page holds what the disjunction gives and that a queue reads in proportion to the agent's leads.
 */
final class LeadListing {

    /** Up to this many managed teams are a branch each; beyond, one branch for all of them. */
    private static final int TEAMS_AS_BRANCHES = 16;

    /** Selects the page's lead ids in order; its parameters are named, some used by every branch. */
    record Statement(String sql, Map<String, Object> parameters) {
    }

    private LeadListing() {
    }

    /** The statement for up to {@code rows} lead ids, or null when the viewer may see no lead at all. */
    static Statement pageIds(LeadAccess.Viewer viewer, LeadQueries.Filter filter, LeadQueries.Cursor cursor,
                             Instant now, int rows) {
        Map<String, Object> parameters = new HashMap<>();
        List<String> branches = visibility(viewer, parameters);
        if (branches.isEmpty()) {
            return null;
        }
        List<String> conditions = new ArrayList<>();
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            conditions.add("l.status IN (:statuses)");
            parameters.put("statuses", filter.statuses().stream().map(LeadStatus::name).toList());
        }
        equal(conditions, parameters, "l.owner_id", "ownerId", filter.ownerId());
        equal(conditions, parameters, "l.team_id", "teamId", filter.teamId());
        equal(conditions, parameters, "l.referrer_id", "referrerId", filter.referrerId());
        if (filter.overdueOnly()) {
            conditions.add("l.next_due_at < :now");
            parameters.put("now", now);
        }
        boolean due = filter.sort() == LeadQueries.Sort.DUE;
        String key = due ? "l.next_due_at" : "l.created_at";
        String direction = due ? "ASC" : "DESC";
        if (due) {
            conditions.add("l.next_due_at IS NOT NULL");
        }
        if (cursor != null) {
            String after = due ? ">" : "<";
            conditions.add("(" + key + " " + after + " :cAt OR (" + key + " = :cAt AND l.id " + after + " :cId))");
            parameters.put("cAt", cursor.at());
            parameters.put("cId", cursor.id());
        }
        parameters.put("rows", rows);
        String order = " ORDER BY %s " + direction + ", %s " + direction + " LIMIT :rows";
        List<String> selects = new ArrayList<>(branches.size());
        for (String branch : branches) {
            List<String> where = new ArrayList<>(conditions);
            where.add(branch);
            selects.add("(SELECT l.id, " + key + " AS at FROM lead l WHERE " + String.join(" AND ", where)
                    + order.formatted(key, "l.id") + ")");
        }
        return new Statement("SELECT id FROM (" + String.join(" UNION ", selects) + ") page"
                + order.formatted("at", "id"), parameters);
    }

    /** One condition per way the viewer may see a lead; none when they may see none, TRUE when all. */
    private static List<String> visibility(LeadAccess.Viewer viewer, Map<String, Object> parameters) {
        Caller caller = viewer.caller();
        if (caller.isAdmin()) {
            return List.of("TRUE");
        }
        Set<String> any = new LinkedHashSet<>();
        if (caller.isManager()) {
            any.add("l.owner_id = :me");
            List<String> managed = viewer.managedTeams().stream().sorted().toList();
            if (managed.size() > TEAMS_AS_BRANCHES) {
                any.add("l.team_id IN (:managed)");
                parameters.put("managed", managed);
            } else {
                for (int i = 0; i < managed.size(); i++) {
                    any.add("l.team_id = :managed" + i);
                    parameters.put("managed" + i, managed.get(i));
                }
            }
        }
        if (caller.isAgent()) {
            any.add("l.owner_id = :me");
            if (viewer.teamId() != null) {
                any.add("l.owner_id IS NULL AND l.team_id = :myTeam");
                parameters.put("myTeam", viewer.teamId());
            }
            any.add("l.id IN (SELECT s.lead_id FROM plan_step s WHERE s.state = 'OPEN' AND s.assignee_id = :me)");
        }
        if (caller.is(Roles.REFERRER)) {
            any.add("l.referrer_id = :me");
        }
        if (!any.isEmpty()) {
            parameters.put("me", caller.personId());
        }
        return List.copyOf(any);
    }

    private static void equal(List<String> conditions, Map<String, Object> parameters, String column, String name,
                              String value) {
        if (value != null) {
            conditions.add(column + " = :" + name);
            parameters.put(name, value);
        }
    }
}
