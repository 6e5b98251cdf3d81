-- Idempotent consumption: the id of every consumed event is recorded in the same transaction as its effect, so a
-- redelivered event changes nothing. CloudEvents ids are unique per source, hence the key.
CREATE TABLE inbox_event (
    consumer     text        NOT NULL,
    event_source text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer, event_source, event_id)
);

CREATE INDEX inbox_event_processed_at ON inbox_event (processed_at);
