-- Daily work reports: this service's own facts. Every version is kept; the latest is current.
CREATE TABLE claim (
    person_id      text          NOT NULL,
    day            date          NOT NULL,
    version        int           NOT NULL,
    submitted_by   text          NOT NULL,
    submitted_at   timestamptz   NOT NULL,
    calls          int           NOT NULL,
    visits         int           NOT NULL,
    meetings       int           NOT NULL,
    hours_worked   numeric(5, 2) NOT NULL,
    overtime_hours numeric(5, 2) NOT NULL,
    contacts       jsonb         NOT NULL,
    PRIMARY KEY (person_id, day, version)
);

-- Which schema holds the live read models (see ReadModel): a rebuild fills a fresh one and may switch to it.
CREATE TABLE projection_state (
    name       text        PRIMARY KEY,
    schema     text        NOT NULL,
    changed_at timestamptz NOT NULL
);

-- The first live read models; the slice's referrer_report is replaced by them.
INSERT INTO projection_state (name, schema, changed_at) VALUES ('live', 'rm_v1', now());
DROP TABLE referrer_report;
