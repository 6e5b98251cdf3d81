-- A loop: the obligation, opened by a handoff, a referral or an instruction, to echo back to its initiator until
-- the outcome has reached them.
CREATE TABLE loop (
    id             uuid        PRIMARY KEY,
    version        bigint      NOT NULL,
    kind           text        NOT NULL,
    state          text        NOT NULL,
    initiator_id   text        NOT NULL,
    owner_id       text,
    subject        text        NOT NULL,
    lead_id        uuid,
    opened_at      timestamptz NOT NULL,
    receipt_due_at timestamptz
);

-- A referral opens exactly one loop, however often its event is delivered.
CREATE UNIQUE INDEX loop_one_per_referral ON loop (lead_id) WHERE kind = 'REFERRAL';
CREATE INDEX loop_initiator ON loop (initiator_id, opened_at DESC, id);
CREATE INDEX loop_owner ON loop (owner_id, state) WHERE owner_id IS NOT NULL;
