package io.closedloop.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.closedloop.events.lead.LeadStatus;
import io.closedloop.leads.access.LeadAccess;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.Roles;
import io.closedloop.stack.testing.UnanalysedCopy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The listings ({@code GET /leads}, an agent's queue) on copies of the lead and plan-step tables with 30,000 leads and
 * no statistics: each page holds exactly the leads, in exactly the order, that the plain disjunction of the viewer's
 * rights gives — for every kind of viewer, both sorts, with and without filters, paged through to the end — and an
 * agent's queue reads in proportion to that agent's leads, not to the company's.
 */
@QuarkusTest
class LeadListingPlanTest {

    private static final int LEADS = 30_000;
    private static final Set<LeadStatus> OPEN = EnumSet.of(LeadStatus.NEW, LeadStatus.ASSIGNED, LeadStatus.ACKNOWLEDGED,
            LeadStatus.CONTACTED, LeadStatus.MEETING_SCHEDULED, LeadStatus.QUALIFIED);
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void every_page_is_the_disjunctions_and_a_queue_reads_one_agents_leads() throws Exception {
        try (Connection c = dataSource.getConnection();
             UnanalysedCopy leads = new UnanalysedCopy(c, "lead");
             UnanalysedCopy steps = new UnanalysedCopy(c, "plan_step");
             Statement sql = c.createStatement()) {
            // 50 teams, 997 agents, 3 in 10 leads open and due (many at the same minute: the cursor's id decides),
            // 1 in 20 unassigned (and open), 1 in 50 referred by one of 40 referrers; a step for 1 lead in 10, assigned
            // to one of the first 30 agents. The ids are made from the row numbers, so every run has the same data.
            leads.fill("""
                    INSERT INTO lead (id, version, status, source, customer_name, customer_ref, created_by, created_at,
                                      updated_at, priority, team_id, owner_id, referrer_id, next_due_at)
                    SELECT md5('lead-' || g)::uuid, 0,
                           CASE WHEN g % 10 < 7 THEN (CASE WHEN g % 2 = 0 THEN 'WON' ELSE 'LOST' END)
                                WHEN g % 10 = 7 THEN 'ASSIGNED' WHEN g % 10 = 8 THEN 'ACKNOWLEDGED'
                                ELSE 'CONTACTED' END,
                           'INBOUND', 'Customer', 'ref-' || g, 'test',
                           timestamptz '2026-06-01 12:00:00+00' - g * interval '1 minute', now(), 'NORMAL',
                           'team-' || (g / 7 % 50),
                           CASE WHEN g % 20 = 9 THEN NULL ELSE 'agent-' || (g / 3 % 997) END,
                           CASE WHEN g % 50 = 3 THEN 'referrer-' || (g % 40) END,
                           CASE WHEN g % 10 >= 7
                                THEN timestamptz '2026-06-01 12:00:00+00' + ((g % 400) - 100) * interval '1 minute' END
                    FROM generate_series(1, """ + LEADS + ") g");
            steps.fill("""
                    INSERT INTO plan_step (id, lead_id, version, kind, title, due_at, assignee_id, state, created_by,
                                           created_at)
                    SELECT md5('step-' || id)::uuid, id, 0, 'CALL', 'Call', now(),
                           'agent-' || (abs(hashtext(id::text)) % 30),
                           CASE WHEN abs(hashtext(id::text || 'state')) % 5 = 0 THEN 'OPEN' ELSE 'DONE' END,
                           'test', now()
                    FROM lead WHERE abs(hashtext(customer_ref)) % 10 = 0""");

            List<LeadAccess.Viewer> viewers = List.of(
                    viewer("root", Set.of(Roles.ADMIN), null, Set.of()),
                    viewer("agent-7", Set.of(Roles.AGENT), "team-7", Set.of()),
                    viewer("agent-8", Set.of(Roles.AGENT), null, Set.of()),
                    viewer("boss-1", Set.of(Roles.MANAGER), null, Set.of("team-1", "team-2")),
                    viewer("agent-9", Set.of(Roles.MANAGER, Roles.AGENT), "team-9", Set.of("team-9", "team-10")),
                    viewer("referrer-3", Set.of(Roles.REFERRER), null, Set.of()),
                    viewer("nobody", Set.of(Roles.REFERRER), null, Set.of()));
            for (LeadAccess.Viewer viewer : viewers) {
                for (LeadQueries.Sort sort : LeadQueries.Sort.values()) {
                    for (Set<LeadStatus> statuses : List.of(Set.<LeadStatus>of(), OPEN, Set.of(LeadStatus.WON))) {
                        for (boolean overdue : List.of(false, true)) {
                            LeadQueries.Filter filter = new LeadQueries.Filter(statuses, null, null, null, overdue,
                                    sort, null, 7);
                            String what = viewer.personId() + ", " + sort + ", " + statuses
                                    + (overdue ? ", overdue" : "");
                            List<UUID> expected = disjunction(sql, viewer, filter);
                            if (viewer.caller().isAdmin()) {
                                expected = expected.subList(0, Math.min(70, expected.size())); // ten pages of all
                            }
                            assertThat(paged(sql, viewer, filter, expected.size())).as(what).isEqualTo(expected);
                        }
                    }
                }
            }
            // The agent's queue holds leads of each kind the rights give: their own, their team's unassigned ones and
            // another agent's with an open step of theirs.
            List<UUID> queued = disjunction(sql, viewers.get(1), new LeadQueries.Filter(OPEN, null, null, null, false,
                    LeadQueries.Sort.DUE, null, 7));
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FILTER (WHERE owner_id = 'agent-7'), "
                    + "count(*) FILTER (WHERE owner_id IS NULL), count(*) FILTER (WHERE owner_id <> 'agent-7') "
                    + "FROM lead WHERE id IN (" + quoted(queued) + ")")) {
                rs.next();
                assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).as("own, unassigned, by a step")
                        .allMatch(n -> n > 0);
            }

            // An agent's queue: their open leads, their team's unassigned ones and those with a step of theirs.
            LeadListing.Statement queue = LeadListing.pageIds(viewers.get(1), new LeadQueries.Filter(OPEN, null, null,
                    null, false, LeadQueries.Sort.DUE, null, 50), null, NOW, 51);
            JsonNode plan;
            try (ResultSet rs = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + literal(queue))) {
                plan = UnanalysedCopy.executedPlan(rs);
            }
            long pages = UnanalysedCopy.pagesTouched(plan);
            assertThat(plan.toString()).as("no scan of a whole table").doesNotContain("Seq Scan");
            // 122 pages for the 55 leads the agent's rights reach, of 536; the disjunction read 590.
            assertThat(pages).as("pages read for one agent's queue, of " + leads.pages() + " lead pages, for "
                    + queued.size() + " leads within the agent's rights")
                    .isLessThanOrEqualTo(3L * queued.size() + 20).isLessThan(leads.pages() / 4);
        }
    }

    private static LeadAccess.Viewer viewer(String person, Set<String> roles, String team, Set<String> managed) {
        return new LeadAccess.Viewer(new Caller(person, roles), team, managed);
    }

    /** Every page of the listing, following its cursor, until it ends or holds {@code enough} leads. */
    private static List<UUID> paged(Statement sql, LeadAccess.Viewer viewer, LeadQueries.Filter filter, int enough)
            throws SQLException {
        List<UUID> all = new ArrayList<>();
        LeadQueries.Cursor cursor = null;
        while (all.size() < enough) {
            LeadListing.Statement page = LeadListing.pageIds(viewer, filter, cursor, NOW, filter.limit() + 1);
            if (page == null) {
                break;
            }
            boolean due = filter.sort() == LeadQueries.Sort.DUE;
            String key = due ? "l.next_due_at" : "l.created_at";
            String direction = due ? "" : " DESC";
            List<UUID> ids = new ArrayList<>();
            List<Instant> keys = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT l.id, " + key + " FROM (" + literal(page)
                    + ") p JOIN lead l USING (id) ORDER BY " + key + direction + ", l.id" + direction)) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    keys.add(rs.getTimestamp(2).toInstant());
                }
            }
            boolean more = ids.size() > filter.limit();
            int shown = more ? filter.limit() : ids.size();
            all.addAll(ids.subList(0, shown));
            if (!more) {
                break;
            }
            UUID last = ids.get(shown - 1);
            Instant lastAt = keys.get(shown - 1);
            cursor = new LeadQueries.Cursor(lastAt, last);
        }
        return all;
    }

    /** The viewer's leads as the plain disjunction of their rights says, in the listing's order. */
    private static List<UUID> disjunction(Statement sql, LeadAccess.Viewer viewer, LeadQueries.Filter filter)
            throws SQLException {
        Caller caller = viewer.caller();
        List<String> any = new ArrayList<>();
        String me = "'" + caller.personId() + "'";
        if (caller.isAdmin()) {
            any.add("TRUE");
        }
        if (caller.isManager()) {
            any.add("l.owner_id = " + me);
            if (!viewer.managedTeams().isEmpty()) {
                any.add("l.team_id IN (" + quoted(viewer.managedTeams()) + ")");
            }
        }
        if (caller.isAgent()) {
            any.add("l.owner_id = " + me);
            if (viewer.teamId() != null) {
                any.add("(l.owner_id IS NULL AND l.team_id = '" + viewer.teamId() + "')");
            }
            any.add("EXISTS (SELECT 1 FROM plan_step s WHERE s.lead_id = l.id AND s.state = 'OPEN' AND s.assignee_id = "
                    + me + ")");
        }
        if (caller.is(Roles.REFERRER)) {
            any.add("l.referrer_id = " + me);
        }
        if (any.isEmpty()) {
            return List.of();
        }
        boolean due = filter.sort() == LeadQueries.Sort.DUE;
        StringBuilder where = new StringBuilder("(" + String.join(" OR ", any) + ")");
        if (!filter.statuses().isEmpty()) {
            where.append(" AND l.status IN (").append(quoted(filter.statuses().stream().map(LeadStatus::name).toList()))
                    .append(")");
        }
        if (filter.overdueOnly()) {
            where.append(" AND l.next_due_at < '").append(NOW).append("'");
        }
        if (due) {
            where.append(" AND l.next_due_at IS NOT NULL");
        }
        String order = due ? "l.next_due_at, l.id" : "l.created_at DESC, l.id DESC";
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery("SELECT l.id FROM lead l WHERE " + where + " ORDER BY " + order)) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /** The statement with its named parameters written in as literals, to run over plain JDBC. */
    private static String literal(LeadListing.Statement statement) {
        String sql = statement.sql();
        List<Map.Entry<String, Object>> parameters = new ArrayList<>(statement.parameters().entrySet());
        parameters.sort(Comparator.comparing((Map.Entry<String, Object> p) -> p.getKey().length()).reversed());
        for (Map.Entry<String, Object> p : parameters) {
            sql = sql.replace(":" + p.getKey(), p.getValue() instanceof Collection<?> values ? quoted(values)
                    : value(p.getValue()));
        }
        return sql;
    }

    private static String quoted(Collection<?> values) {
        return values.stream().map(LeadListingPlanTest::value).collect(Collectors.joining(", "));
    }

    private static String value(Object value) {
        return switch (value) {
            case Integer i -> i.toString();
            case Instant at -> "timestamptz '" + at + "'";
            case UUID id -> "uuid '" + id + "'";
            default -> "'" + value.toString().replace("'", "''") + "'";
        };
    }
}
