-- People and teams: who can own leads, who manages whom, when they work.
CREATE TABLE team (
    id             text        PRIMARY KEY,
    version        bigint      NOT NULL,
    name           text        NOT NULL,
    manager_id     text,
    time_zone      text        NOT NULL,
    business_hours jsonb       NOT NULL,
    closed_dates   jsonb       NOT NULL,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE person (
    id                  text        PRIMARY KEY,
    version             bigint      NOT NULL,
    name                text        NOT NULL,
    email               text,
    roles               jsonb       NOT NULL,
    team_id             text        REFERENCES team (id),
    manager_id          text,
    capacity            int         CHECK (capacity IS NULL OR capacity >= 0),
    active              boolean     NOT NULL,
    out_of_office_until timestamptz,
    territories         jsonb       NOT NULL,
    working_hours       jsonb,
    time_zone           text,
    last_assigned_at    timestamptz,
    updated_at          timestamptz NOT NULL
);

CREATE INDEX person_team ON person (team_id, id);

-- Round-robin position per team: who got the last lead. Locked while choosing, so two intakes never pick alike.
CREATE TABLE team_rotation (
    team_id        text        PRIMARY KEY,
    last_person_id text,
    updated_at     timestamptz NOT NULL
);

-- Small configuration documents edited as a whole (assignment rules, SLA policies), versioned for If-Match.
CREATE TABLE setting (
    name       text        PRIMARY KEY,
    version    bigint      NOT NULL,
    value      jsonb       NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- The lead's life after intake: assignment, the SLA clocks, the outcome.
ALTER TABLE lead
    ADD COLUMN priority             text        NOT NULL DEFAULT 'NORMAL',
    ADD COLUMN phone_key            text,
    ADD COLUMN sla_policy_id        text,
    ADD COLUMN assigned_at          timestamptz,
    ADD COLUMN assigned_by          text,
    ADD COLUMN ack_due_at           timestamptz,
    ADD COLUMN acknowledged_at      timestamptz,
    ADD COLUMN first_contact_due_at timestamptz,
    ADD COLUMN first_contacted_at   timestamptz,
    ADD COLUMN follow_up_due_at     timestamptz,
    ADD COLUMN last_activity_at     timestamptz,
    ADD COLUMN next_due_at          timestamptz,
    ADD COLUMN qualified_at         timestamptz,
    ADD COLUMN outcome_value        numeric(19, 2),
    ADD COLUMN outcome_currency     char(3),
    ADD COLUMN loss_reason          text,
    ADD COLUMN outcome_note         text,
    ADD COLUMN closed_at            timestamptz,
    ADD COLUMN closed_by            text;

UPDATE lead SET phone_key = regexp_replace(phone, '[^0-9+]', '', 'g') WHERE phone IS NOT NULL;

CREATE INDEX lead_open_email ON lead (email) WHERE status NOT IN ('WON', 'LOST') AND email IS NOT NULL;
CREATE INDEX lead_open_phone ON lead (phone_key) WHERE status NOT IN ('WON', 'LOST') AND phone_key IS NOT NULL;
CREATE INDEX lead_created ON lead (created_at DESC, id DESC);
CREATE INDEX lead_team_due ON lead (team_id, next_due_at, id) WHERE status NOT IN ('WON', 'LOST');
CREATE INDEX lead_owner_due ON lead (owner_id, next_due_at, id) WHERE status NOT IN ('WON', 'LOST');
CREATE INDEX lead_unassigned ON lead (team_id, created_at) WHERE owner_id IS NULL AND status NOT IN ('WON', 'LOST');

-- Every change to a lead: who, when, what and why.
CREATE TABLE lead_history (
    id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id uuid        NOT NULL REFERENCES lead (id),
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    action  text        NOT NULL,
    reason  text,
    details jsonb
);

CREATE INDEX lead_history_lead ON lead_history (lead_id, id);

-- POST /leads with an Idempotency-Key returns the same lead for the same caller and key.
CREATE TABLE idempotency_key (
    caller       text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    lead_id      uuid        NOT NULL REFERENCES lead (id),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (caller, key)
);

CREATE TABLE contact_attempt (
    id           uuid        PRIMARY KEY,
    lead_id      uuid        NOT NULL REFERENCES lead (id),
    owner_id     text        NOT NULL,
    channel      text        NOT NULL,
    attempted_at timestamptz NOT NULL,
    reached      boolean     NOT NULL,
    note         text,
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL
);

CREATE INDEX contact_attempt_lead ON contact_attempt (lead_id, attempted_at);

CREATE TABLE plan_step (
    id            uuid        PRIMARY KEY,
    lead_id       uuid        NOT NULL REFERENCES lead (id),
    version       bigint      NOT NULL,
    kind          text        NOT NULL,
    title         text        NOT NULL,
    note          text,
    due_at        timestamptz NOT NULL,
    assignee_id   text        NOT NULL,
    state         text        NOT NULL,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    finished_by   text,
    finished_at   timestamptz,
    finish_note   text
);

CREATE INDEX plan_step_lead ON plan_step (lead_id, due_at);
CREATE INDEX plan_step_assignee_open ON plan_step (assignee_id, due_at) WHERE state = 'OPEN';

CREATE TABLE meeting (
    id                   uuid        PRIMARY KEY,
    lead_id              uuid        NOT NULL REFERENCES lead (id),
    version              bigint      NOT NULL,
    starts_at            timestamptz NOT NULL,
    ends_at              timestamptz,
    place                text,
    state                text        NOT NULL,
    confirmed_at         timestamptz,
    confirmed_by         text,
    confirmation_channel text,
    unconfirmed_flagged  boolean     NOT NULL DEFAULT false,
    items_ready_at_start int,
    items_at_start       int,
    result_note          text,
    result_by            text,
    result_at            timestamptz,
    rescheduled_to       uuid,
    reschedules          uuid,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL
);

CREATE INDEX meeting_lead ON meeting (lead_id, starts_at);

CREATE TABLE meeting_checklist_item (
    id          uuid        PRIMARY KEY,
    meeting_id  uuid        NOT NULL REFERENCES meeting (id),
    position    int         NOT NULL,
    kind        text        NOT NULL,
    text        text        NOT NULL,
    answer      text,
    ready       boolean     NOT NULL DEFAULT false,
    answered_by text,
    answered_at timestamptz,
    UNIQUE (meeting_id, position)
);
