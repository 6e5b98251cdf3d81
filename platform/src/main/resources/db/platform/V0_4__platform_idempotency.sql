-- The first answer to each creating request sent with an Idempotency-Key, per caller: a retry with the same key and
-- the same request gets it again instead of a second object; the same key with another request is refused. Written
-- in the transaction of the request's own writes, so an answer is remembered exactly when its effects exist.
CREATE TABLE idempotent_request (
    caller       text        NOT NULL,
    key          text        NOT NULL,
    operation    text        NOT NULL,
    request_hash text        NOT NULL,
    status       int         NOT NULL,
    location     text,
    body         text,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (caller, key)
);

CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
