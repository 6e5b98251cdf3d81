-- Read model: per referrer, what became of what they referred. Built incrementally from events, never by
-- scanning raw events at query time.
CREATE TABLE referrer_report (
    referrer_id    text        PRIMARY KEY,
    referrals_sent bigint      NOT NULL DEFAULT 0,
    first_sent_at  timestamptz,
    last_sent_at   timestamptz
);
