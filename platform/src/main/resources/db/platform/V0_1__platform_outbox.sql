-- Transactional outbox: a service writes its events here in the same transaction as the state change; the relay
-- publishes them to Kafka and deletes them. Rows of one key always share a lane, and only one relay at a time
-- works a lane (it locks the lane row FOR UPDATE SKIP LOCKED), so several replicas keep per-key order.
CREATE TABLE outbox_event (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lane        smallint    NOT NULL,
    event_id    uuid        NOT NULL,
    topic       text        NOT NULL,
    event_key   text        NOT NULL,
    event_type  text        NOT NULL,
    subject     text,
    occurred_at timestamptz NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX outbox_event_lane_id ON outbox_event (lane, id);

CREATE TABLE outbox_lane (
    lane smallint PRIMARY KEY
);

INSERT INTO outbox_lane (lane) SELECT generate_series(0, 15);
