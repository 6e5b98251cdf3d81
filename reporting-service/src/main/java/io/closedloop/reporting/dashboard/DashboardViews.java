package io.closedloop.reporting.dashboard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.closedloop.platform.tx.JdbcTransactions;

/**
 * The views Grafana's tables read — leads past a deadline, silent loops, people with flags — in schema
 * {@code dashboards}, over the live read-model schema. They are pointed again whenever the live schema changes (at
 * start, and when a rebuild switches), in the switching transaction, so a dashboard never reads a half-built schema.
 * The role {@code closedloop_dashboards} may read these views and nothing else: a view reads its tables with its
 * owner's rights, so the role needs none on the read models themselves.
 */
public final class DashboardViews {

    public static final String ROLE = "closedloop_dashboards";

    private DashboardViews() {
    }

    /**
     * Points every view at {@code schema} (a checked read-model schema name), in the caller's transaction or in one of
     * its own; replicas starting together take turns (an advisory lock), so none finds a view half replaced.
     */
    public static void point(Connection c, String schema) throws SQLException {
        JdbcTransactions.inTransaction(c, () -> replace(c, schema));
    }

    private static void replace(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(hashtext('closedloop.dashboards'))");
            s.execute("CREATE SCHEMA IF NOT EXISTS dashboards");
            s.execute("DROP VIEW IF EXISTS dashboards.leads_past_deadline, dashboards.silent_loops, dashboards.people_with_flags");
            s.execute("""
                    CREATE VIEW dashboards.leads_past_deadline AS
                    SELECT l.lead_id, l.customer_ref AS customer, l.source, l.owner_id, coalesce(o.name, l.owner_id) AS owner,
                           l.team_id, coalesce(t.name, l.team_id) AS team, l.overdue_clock AS deadline,
                           l.overdue_due_at AS due_at, l.received_at, l.referrer_id, coalesce(r.name, l.referrer_id) AS referrer
                    FROM %1$s.lead_fact l
                    LEFT JOIN %1$s.person o ON o.id = l.owner_id
                    LEFT JOIN %1$s.team t ON t.id = l.team_id
                    LEFT JOIN %1$s.person r ON r.id = l.referrer_id
                    WHERE l.overdue AND l.status NOT IN ('WON', 'LOST')""".formatted(schema));
            s.execute("""
                    CREATE VIEW dashboards.silent_loops AS
                    SELECT f.loop_id, f.kind, f.initiator_id, coalesce(i.name, f.initiator_id) AS initiator,
                           f.owner_id, coalesce(o.name, f.owner_id) AS owner, f.team_id, coalesce(t.name, f.team_id) AS team,
                           f.lead_id, f.opened_at, f.overdue AS missed_deadlines, f.echoes, f.late_echoes
                    FROM %1$s.loop_fact f
                    LEFT JOIN %1$s.person i ON i.id = f.initiator_id
                    LEFT JOIN %1$s.person o ON o.id = f.owner_id
                    LEFT JOIN %1$s.team t ON t.id = f.team_id
                    WHERE f.closed_at IS NULL AND f.overdue > 0""".formatted(schema));
            s.execute("""
                    CREATE VIEW dashboards.people_with_flags AS
                    SELECT f.person_id, coalesce(p.name, f.person_id) AS name, f.team_id, coalesce(t.name, f.team_id) AS team,
                           f.kind AS flag, f.message, f.numbers, f.period, f.computed_at
                    FROM public.flag_snapshot f
                    LEFT JOIN %1$s.person p ON p.id = f.person_id
                    LEFT JOIN %1$s.team t ON t.id = f.team_id""".formatted(schema));
            if (roleExists(s)) {
                s.execute("GRANT USAGE ON SCHEMA dashboards TO " + ROLE);
                s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA dashboards TO " + ROLE);
            }
        }
    }

    private static boolean roleExists(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "'")) {
            return rs.next();
        }
    }
}
