-- Leads and referrals: the landing. One row per lead; every change is also written to lead_history.
CREATE TABLE lead (
    id                  uuid        PRIMARY KEY,
    version             bigint      NOT NULL,
    status              text        NOT NULL,
    source              text        NOT NULL,
    referrer_id         text,
    customer_name       text        NOT NULL,
    organisation        text,
    email               text,
    phone               text,
    customer_ref        text        NOT NULL,
    product             text,
    estimated_value     numeric(19, 2),
    currency            char(3),
    territory           text,
    urgency_statement   text,
    urgency_demanded_by timestamptz,
    team_id             text,
    owner_id            text,
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT lead_referral_has_referrer CHECK (source <> 'REFERRAL' OR referrer_id IS NOT NULL),
    CONSTRAINT lead_value_has_currency CHECK ((estimated_value IS NULL) = (currency IS NULL))
);

CREATE INDEX lead_referrer ON lead (referrer_id, created_at DESC, id) WHERE referrer_id IS NOT NULL;
CREATE INDEX lead_owner ON lead (owner_id, status) WHERE owner_id IS NOT NULL;
CREATE INDEX lead_team ON lead (team_id, status);
