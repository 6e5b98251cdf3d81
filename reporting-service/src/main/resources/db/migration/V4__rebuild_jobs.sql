-- A rebuild of the read models runs as a job: asked for by one request, followed by others (on any replica).
CREATE TABLE rebuild_job (
    id           uuid        PRIMARY KEY,
    schema_name  text        NOT NULL,
    make_live    boolean     NOT NULL,
    state        text        NOT NULL,
    requested_by text        NOT NULL,
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    -- Per topic: {"leads.events":{"read":120000,"total":400000}, ...}
    progress     jsonb       NOT NULL DEFAULT '{}',
    records      bigint      NOT NULL DEFAULT 0,
    error        text
);
CREATE INDEX rebuild_job_started ON rebuild_job (started_at DESC, id DESC);
-- At most one rebuild runs at a time.
CREATE UNIQUE INDEX rebuild_job_one_running ON rebuild_job ((true)) WHERE state = 'RUNNING';
