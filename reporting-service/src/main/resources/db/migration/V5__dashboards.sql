-- Grafana's way into the read models: the views of schema dashboards (dashboard.DashboardViews keeps them pointed at
-- the live read-model schema), readable by the role closedloop_dashboards and nothing else. Grafana's PostgreSQL data
-- source logs in as a user granted that role (production: the CloudNativePG managed role "grafana").
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'closedloop_dashboards') THEN
        CREATE ROLE closedloop_dashboards NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- created meanwhile by another database's migration on this server
WHEN insufficient_privilege THEN
    RAISE NOTICE 'Role closedloop_dashboards not created (no CREATEROLE): create it NOLOGIN, then restart the service';
END
$$;

CREATE SCHEMA IF NOT EXISTS dashboards;

-- The flags the scorecards raise this month, per person (one per kind and activity: a person may be flagged for
-- inflated calls and inflated visits), as the gauges last computed them (FlagRules is the one
-- place the rules live; this is its latest answer, for the "people with flags" table).
CREATE TABLE flag_snapshot (
    team_id     text        NOT NULL,
    person_id   text        NOT NULL,
    kind        text        NOT NULL,
    message     text        NOT NULL,
    numbers     jsonb       NOT NULL,
    period      text        NOT NULL,
    computed_at timestamptz NOT NULL,
    PRIMARY KEY (team_id, person_id, kind, message)
);
