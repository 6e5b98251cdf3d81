-- A lead's loop names the lead's customer: the initiator's confirmation of the outcome says whose (LoopConfirmed).
ALTER TABLE loop ADD COLUMN customer_ref text;

-- Inbox messages say when what they answer was due, whether they came late, and how long after its clock started.
ALTER TABLE notification
    ADD COLUMN due_at          timestamptz,
    ADD COLUMN late            boolean,
    ADD COLUMN latency_seconds bigint;

-- Echo policies changed through the API, one document per loop kind; its version is the ETag. A kind without a row
-- follows the configured defaults (closedloop.feedback.policies.*).
CREATE TABLE echo_policy (
    kind       text        PRIMARY KEY,
    version    bigint      NOT NULL,
    value      jsonb       NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL
);
