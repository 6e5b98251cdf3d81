-- Chat tools: a subscription's body in Closed Loop's own JSON, or as a Slack or Teams incoming webhook takes it.
ALTER TABLE subscription ADD COLUMN format text NOT NULL DEFAULT 'STANDARD' CHECK (format IN ('STANDARD', 'SLACK', 'TEAMS'));

-- E-mail echoes. Where leads-service's person has an address, the echo can reach them there.
ALTER TABLE person ADD COLUMN email text;

-- How each person wants to hear: in the inbox only (the default, no row), by e-mail at once, or a daily digest.
CREATE TABLE notification_preference (
    person_id      text        PRIMARY KEY,
    delivery       text        NOT NULL CHECK (delivery IN ('INBOX', 'EMAIL', 'DIGEST')),
    time_zone      text,
    digest_hour    int         NOT NULL DEFAULT 17 CHECK (digest_hour BETWEEN 0 AND 23),
    last_digest_at timestamptz,
    updated_at     timestamptz NOT NULL
);

-- The mail outbox: a message queued in the notifying transaction, sent by the mail sender after it commits. An echo
-- is rendered (address, subject, bodies) when first sent — by then the directory knows the recipient's address even
-- if the event naming it arrived after the one that notified them — and kept as sent, so a retry sends the same.
CREATE TABLE mail_message (
    id              uuid        PRIMARY KEY,
    recipient_id    text        NOT NULL,
    address         text,
    kind            text        NOT NULL CHECK (kind IN ('ECHO', 'DIGEST')),
    notification_id uuid        REFERENCES notification (id),
    subject         text,
    text_body       text,
    html_body       text,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'SENT', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    leased_until    timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);

CREATE INDEX mail_message_due ON mail_message (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX mail_message_recipient ON mail_message (recipient_id, created_at DESC);
