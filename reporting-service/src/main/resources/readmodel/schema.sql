-- Read models of reporting-service, in schema ${schema}. Built only by applying events (ReadModelProjector), never
-- written otherwise, so a rebuild from the topics into a fresh schema gives the same answers. Scorecards read the
-- per-person-per-day aggregates, never the raw evidence. Shape 2 (ReadModel.SHAPE): trust levels and activities.
CREATE SCHEMA ${schema};

CREATE TABLE ${schema}.inbox_event (
    consumer     text        NOT NULL,
    event_source text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer, event_source, event_id)
);

CREATE TABLE ${schema}.person (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    team_id    text,
    manager_id text,
    agent      boolean     NOT NULL,
    active     boolean     NOT NULL,
    changed_at timestamptz NOT NULL
);

CREATE INDEX person_team ON ${schema}.person (team_id);

CREATE TABLE ${schema}.team (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    manager_id text,
    changed_at timestamptz NOT NULL
);

CREATE TABLE ${schema}.person_day (
    person_id                     text          NOT NULL,
    day                           date          NOT NULL,
    claim_version                 int           NOT NULL DEFAULT 0,
    claimed_calls                 int           NOT NULL DEFAULT 0,
    claimed_visits                int           NOT NULL DEFAULT 0,
    claimed_meetings              int           NOT NULL DEFAULT 0,
    claimed_hours                 numeric(7, 2) NOT NULL DEFAULT 0,
    claimed_overtime              numeric(7, 2) NOT NULL DEFAULT 0,
    claimed_contacts              int           NOT NULL DEFAULT 0,
    matched_contacts              int           NOT NULL DEFAULT 0,
    -- Activities the person recorded themselves (LOGGED) and activities a source independent of them confirmed
    -- (VERIFIED), each counted once however many sources reported it (see Trust and Activities).
    logged_calls                  int           NOT NULL DEFAULT 0,
    logged_visits                 int           NOT NULL DEFAULT 0,
    logged_meetings               int           NOT NULL DEFAULT 0,
    logged_echoes                 int           NOT NULL DEFAULT 0,
    logged_outcomes               int           NOT NULL DEFAULT 0,
    verified_calls                int           NOT NULL DEFAULT 0,
    verified_visits               int           NOT NULL DEFAULT 0,
    verified_meetings             int           NOT NULL DEFAULT 0,
    verified_echoes               int           NOT NULL DEFAULT 0,
    verified_outcomes             int           NOT NULL DEFAULT 0,
    assigned                      int           NOT NULL DEFAULT 0,
    acknowledged                  int           NOT NULL DEFAULT 0,
    first_contacts                int           NOT NULL DEFAULT 0,
    meetings_held                 int           NOT NULL DEFAULT 0,
    no_shows                      int           NOT NULL DEFAULT 0,
    won                           int           NOT NULL DEFAULT 0,
    -- Won leads whose outcome someone other than the owner confirmed.
    won_confirmed                 int           NOT NULL DEFAULT 0,
    lost                          int           NOT NULL DEFAULT 0,
    sla_escalations               int           NOT NULL DEFAULT 0,
    loops_closed                  int           NOT NULL DEFAULT 0,
    loops_confirmed               int           NOT NULL DEFAULT 0,
    echoes                        int           NOT NULL DEFAULT 0,
    late_echoes                   int           NOT NULL DEFAULT 0,
    loops_overdue                 int           NOT NULL DEFAULT 0,
    -- Complaints counted once, on the day of their last resolution (see ComplaintProjection): resolved by their owner,
    -- verified by someone else's record of the customer's satisfaction, and of those settled on the first return.
    complaints_resolved           int           NOT NULL DEFAULT 0,
    complaints_verified           int           NOT NULL DEFAULT 0,
    complaints_first_return       int           NOT NULL DEFAULT 0,
    satisfaction_sum              int           NOT NULL DEFAULT 0,
    satisfaction_count            int           NOT NULL DEFAULT 0,
    PRIMARY KEY (person_id, day)
);

CREATE INDEX person_day_day ON ${schema}.person_day (day);

CREATE TABLE ${schema}.won_value (
    person_id text           NOT NULL,
    day       date           NOT NULL,
    currency  text           NOT NULL,
    amount    numeric(21, 2) NOT NULL,
    PRIMARY KEY (person_id, day, currency)
);

CREATE TABLE ${schema}.lead_fact (
    lead_id               uuid PRIMARY KEY,
    source                text,
    referrer_id           text,
    customer_ref          text,
    owner_id              text,
    team_id               text,
    received_at           timestamptz,
    assigned_at           timestamptz,
    acknowledged_at       timestamptz,
    ack_seconds           bigint,
    first_contact_at      timestamptz,
    first_contact_seconds bigint,
    first_contact_by      text,
    status                text NOT NULL,
    closed_at             timestamptz,
    loss_reason           text,
    urgency_claimed       boolean NOT NULL DEFAULT false,
    urgency_statement     text,
    urgency_demanded_by   timestamptz,
    meetings_scheduled    int NOT NULL DEFAULT 0,
    meetings_held         int NOT NULL DEFAULT 0,
    no_shows              int NOT NULL DEFAULT 0,
    first_meeting_held_at timestamptz,
    contacts_reached      int NOT NULL DEFAULT 0,
    overdue               boolean NOT NULL DEFAULT false,
    overdue_clock         text,
    overdue_due_at        timestamptz
);

CREATE INDEX lead_fact_referrer ON ${schema}.lead_fact (referrer_id) WHERE referrer_id IS NOT NULL;
CREATE INDEX lead_fact_team_ack ON ${schema}.lead_fact (team_id, acknowledged_at);
CREATE INDEX lead_fact_owner_ack ON ${schema}.lead_fact (owner_id, acknowledged_at);
CREATE INDEX lead_fact_first_contact ON ${schema}.lead_fact (first_contact_by, first_contact_at);
CREATE INDEX lead_fact_urgency ON ${schema}.lead_fact (customer_ref) WHERE urgency_claimed;
CREATE INDEX lead_fact_open ON ${schema}.lead_fact (team_id) WHERE status NOT IN ('WON', 'LOST');

-- One row per acknowledgment (a reassigned lead is acknowledged again, by its new owner).
CREATE TABLE ${schema}.ack_fact (
    lead_id         uuid        NOT NULL,
    acknowledged_at timestamptz NOT NULL,
    owner_id        text        NOT NULL,
    team_id         text,
    source          text,
    seconds         bigint      NOT NULL,
    PRIMARY KEY (lead_id, acknowledged_at)
);

CREATE INDEX ack_fact_owner ON ${schema}.ack_fact (owner_id, acknowledged_at);

CREATE TABLE ${schema}.loop_fact (
    loop_id         uuid PRIMARY KEY,
    kind            text NOT NULL,
    initiator_id    text NOT NULL,
    owner_id        text,
    team_id         text,
    lead_id         uuid,
    opened_at       timestamptz,
    receipt_at      timestamptz,
    receipt_seconds bigint,
    receipt_late    boolean,
    echoes          int NOT NULL DEFAULT 0,
    late_echoes     int NOT NULL DEFAULT 0,
    overdue         int NOT NULL DEFAULT 0,
    closed_at       timestamptz,
    confirmed_at    timestamptz
);

CREATE INDEX loop_fact_initiator ON ${schema}.loop_fact (initiator_id, kind);
CREATE INDEX loop_fact_open ON ${schema}.loop_fact (team_id) WHERE closed_at IS NULL;

-- Every record of an activity: integrators' evidence and what is derived from the services' events. counts: it meets
-- the standard to back its activity (a long enough call, a near check-in); trust: LOGGED (the person's own record) or
-- VERIFIED (an independent source); the first_* flags say what it counts for in its activity (see Activities).
CREATE TABLE ${schema}.evidence (
    source           text        NOT NULL,
    external_id      text        NOT NULL,
    person_id        text        NOT NULL,
    customer_ref     text        NOT NULL,
    kind             text        NOT NULL,
    method           text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    duration_seconds int,
    distance_meters  int,
    counts           boolean     NOT NULL,
    trust            text        NOT NULL,
    recorded_by      text,
    outcome          text,
    first_verified   boolean     NOT NULL DEFAULT false,
    first_logged     boolean     NOT NULL DEFAULT false,
    won_confirmed    boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (source, external_id)
);

CREATE INDEX evidence_person_time ON ${schema}.evidence (person_id, occurred_at) WHERE first_verified;
CREATE INDEX evidence_activity ON ${schema}.evidence (person_id, customer_ref, kind, occurred_at);

-- One row per resolved complaint: its latest resolution, reopening and independent rating, and what it counts for.
CREATE TABLE ${schema}.complaint_fact (
    complaint_id         uuid        PRIMARY KEY,
    owner_id             text,
    resolved_at          timestamptz,
    first_return         boolean     NOT NULL DEFAULT false,
    reopened_at          timestamptz,
    rated_at             timestamptz,
    counted_day          date,
    counted_resolved     boolean     NOT NULL DEFAULT false,
    counted_verified     boolean     NOT NULL DEFAULT false,
    counted_first_return boolean     NOT NULL DEFAULT false
);

CREATE TABLE ${schema}.claim_contact (
    person_id      text        NOT NULL,
    day            date        NOT NULL,
    seq            int         NOT NULL,
    customer_ref   text        NOT NULL,
    kind           text        NOT NULL,
    at             timestamptz NOT NULL,
    matched_source text,
    matched_id     text,
    PRIMARY KEY (person_id, day, seq)
);

-- Statistics of the tables each event changes are gathered again after 100,000 changes plus a tenth of the table, not
-- 50 plus a tenth, which a small read model reached at nearly every look of autovacuum (platform migration
-- V0_6__platform_statistics_kept_longer says why). A large table is analysed after a tenth of it changed, as before.
ALTER TABLE ${schema}.inbox_event SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE ${schema}.person_day SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE ${schema}.lead_fact SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE ${schema}.ack_fact SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE ${schema}.loop_fact SET (autovacuum_analyze_threshold = 100000);
