-- Durable timers: deadlines (SLA reminders, escalations, reassignments, meeting confirmations) are rows, so they
-- survive restarts. A due timer is fired and deleted in one transaction, locked FOR UPDATE SKIP LOCKED, so with
-- several replicas each fires exactly once. A timer whose handler keeps failing is retried with backoff and,
-- after too many attempts, parked (dead_at) for an operator instead of blocking the others.
CREATE TABLE timer (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       text        NOT NULL,
    ref        text        NOT NULL,
    due_at     timestamptz NOT NULL,
    payload    text,
    attempts   int         NOT NULL DEFAULT 0,
    last_error text,
    dead_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX timer_due ON timer (due_at, id) WHERE dead_at IS NULL;
CREATE INDEX timer_ref ON timer (ref, kind);
