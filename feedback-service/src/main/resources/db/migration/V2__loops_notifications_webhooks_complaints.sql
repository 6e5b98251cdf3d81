-- What feedback-service knows of people and teams, from leads-service's person.changed and team.changed events.
CREATE TABLE person (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    team_id    text,
    manager_id text,
    active     boolean     NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE TABLE team (
    id             text        PRIMARY KEY,
    name           text        NOT NULL,
    manager_id     text,
    time_zone      text        NOT NULL,
    business_hours jsonb,
    closed_dates   jsonb,
    changed_at     timestamptz NOT NULL
);

-- What feedback-service knows of leads, from lead events: enough to word echoes and follow owners.
CREATE TABLE tracked_lead (
    id            uuid        PRIMARY KEY,
    customer_name text        NOT NULL,
    customer_ref  text        NOT NULL,
    product       text,
    referrer_id   text,
    owner_id      text,
    team_id       text,
    status        text        NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Loops: the deadlines of each kind of echo, and what has been echoed.
ALTER TABLE loop
    ADD COLUMN team_id           text,
    ADD COLUMN opened_by         text,
    ADD COLUMN receipt_at        timestamptz,
    ADD COLUMN progress_due_at   timestamptz,
    ADD COLUMN last_progress_at  timestamptz,
    ADD COLUMN outcome_due_at    timestamptz,
    ADD COLUMN next_due_at       timestamptz,
    ADD COLUMN outcome           text,
    ADD COLUMN closed_at         timestamptz,
    ADD COLUMN confirmed_at      timestamptz,
    ADD COLUMN echoes            int NOT NULL DEFAULT 0,
    ADD COLUMN late_echoes       int NOT NULL DEFAULT 0;

DROP INDEX loop_one_per_referral;
CREATE UNIQUE INDEX loop_one_per_referral ON loop (lead_id) WHERE kind = 'REFERRAL';
CREATE INDEX loop_lead_open ON loop (lead_id) WHERE state = 'OPEN';
CREATE INDEX loop_team ON loop (team_id, state);
CREATE INDEX loop_due ON loop (next_due_at) WHERE state = 'OPEN';

CREATE TABLE echo (
    id              uuid        PRIMARY KEY,
    loop_id         uuid        NOT NULL REFERENCES loop (id),
    kind            text        NOT NULL,
    source          text        NOT NULL,
    author_id       text        NOT NULL,
    message         text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    due_at          timestamptz,
    late            boolean     NOT NULL,
    latency_seconds bigint      NOT NULL
);

CREATE INDEX echo_loop ON echo (loop_id, occurred_at);

-- What people are told: the inbox, and the source of webhook deliveries.
CREATE TABLE notification (
    id           uuid        PRIMARY KEY,
    recipient_id text        NOT NULL,
    type         text        NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL,
    loop_id      uuid,
    lead_id      uuid,
    complaint_id uuid,
    created_at   timestamptz NOT NULL
);

CREATE INDEX notification_recipient ON notification (recipient_id, created_at DESC, id);

CREATE TABLE subscription (
    id                   uuid        PRIMARY KEY,
    version              bigint      NOT NULL,
    owner_id             text        NOT NULL,
    url                  text        NOT NULL,
    secret               text        NOT NULL,
    types                jsonb       NOT NULL,
    state                text        NOT NULL,
    consecutive_failures int         NOT NULL DEFAULT 0,
    suspended_at         timestamptz,
    created_at           timestamptz NOT NULL
);

CREATE INDEX subscription_owner ON subscription (owner_id) WHERE state = 'ACTIVE';

CREATE TABLE delivery (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES subscription (id),
    notification_id uuid        NOT NULL REFERENCES notification (id),
    state           text        NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    leased_until    timestamptz,
    last_status     int,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL,
    UNIQUE (subscription_id, notification_id)
);

CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX delivery_subscription ON delivery (subscription_id, created_at DESC);

CREATE TABLE delivery_attempt (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id   uuid        NOT NULL REFERENCES delivery (id),
    attempted_at  timestamptz NOT NULL,
    status        int,
    error         text,
    duration_ms   bigint      NOT NULL
);

CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id, id);

-- Complaints: every item the customer raised, each resolved with action and root cause; return visits counted.
CREATE TABLE complaint (
    id             uuid        PRIMARY KEY,
    version        bigint      NOT NULL,
    customer_ref   text        NOT NULL,
    customer_name  text        NOT NULL,
    lead_id        uuid,
    owner_id       text        NOT NULL,
    team_id        text,
    state          text        NOT NULL,
    opened_by      text        NOT NULL,
    opened_at      timestamptz NOT NULL,
    resolved_at    timestamptz,
    reopened_count int         NOT NULL DEFAULT 0
);

CREATE INDEX complaint_owner ON complaint (owner_id, state);
CREATE INDEX complaint_customer ON complaint (customer_ref, opened_at);

CREATE TABLE complaint_item (
    id          uuid        PRIMARY KEY,
    complaint_id uuid       NOT NULL REFERENCES complaint (id),
    position    int         NOT NULL,
    description text        NOT NULL,
    state       text        NOT NULL,
    action      text,
    root_cause  text,
    resolved_by text,
    resolved_at timestamptz,
    added_at    timestamptz NOT NULL,
    UNIQUE (complaint_id, position)
);

CREATE TABLE return_visit (
    id           uuid        PRIMARY KEY,
    complaint_id uuid        NOT NULL REFERENCES complaint (id),
    visited_at   timestamptz NOT NULL,
    note         text,
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL
);

CREATE INDEX return_visit_complaint ON return_visit (complaint_id, visited_at);

CREATE TABLE satisfaction (
    id           uuid        PRIMARY KEY,
    customer_ref text        NOT NULL,
    score        int         NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      text,
    complaint_id uuid        REFERENCES complaint (id),
    lead_id      uuid,
    owner_id     text,
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL
);

CREATE INDEX satisfaction_customer ON satisfaction (customer_ref, recorded_at);
