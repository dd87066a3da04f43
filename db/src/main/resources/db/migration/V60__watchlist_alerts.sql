-- Watchlist alerts (command side, com.gemetrics.command.alert): the alert policy's memory of
-- each rule, the delivery queue, its dead letters and the users' webhooks. Personal data and
-- secrets (webhook URLs may carry a token): nobody but the command side reads this schema;
-- analysts get no grant on it.
CREATE SCHEMA IF NOT EXISTS alerts;

-- One row per alert rule, kept by the alert-policy tracking processor from the watchlist
-- events, and its firing state. Every change is written in the transaction that also stores
-- the processor's token (and appends any AlertTriggeredEvent), so a restart never fires twice.
-- armed: the rule may fire; cleared when it fires, set again when an observation finds the
-- condition false. last_fired_observed_at: the observation it last fired on (the minimum
-- interval counts in observation time, so the decisions replay identically).
CREATE TABLE alerts.rule_state (
    watchlist_id           TEXT        NOT NULL,
    rule_id                TEXT        NOT NULL,
    user_id                UUID        NOT NULL,
    item_id                INTEGER     NOT NULL,
    type                   TEXT        NOT NULL,
    threshold              BIGINT      NOT NULL,
    active                 BOOLEAN     NOT NULL,
    armed                  BOOLEAN     NOT NULL DEFAULT TRUE,
    last_fired_observed_at TIMESTAMPTZ,
    last_fired_at          TIMESTAMPTZ,
    PRIMARY KEY (watchlist_id, rule_id)
);

-- A price event carries up to thousands of items: their active rules are read in one query.
CREATE INDEX rule_state_active_item ON alerts.rule_state (item_id) WHERE active;
CREATE INDEX rule_state_watchlist_item ON alerts.rule_state (watchlist_id, item_id);

-- The user's webhook (HTTPS, checked to resolve only to public addresses when set and again
-- at every send). Never in an event: the URL may carry a secret.
CREATE TABLE alerts.webhook (
    user_id    UUID        PRIMARY KEY,
    url        TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Deliveries to make: one row per alert and channel, written by the alert-delivery processor
-- when it handles AlertTriggeredEvent (idempotent on (alert_id, channel)), sent by a scheduled
-- sender on every instance (FOR UPDATE SKIP LOCKED) with retries and exponential backoff.
-- The recipient address and webhook URL are looked up at send time, not stored here.
CREATE TABLE alerts.delivery (
    id               BIGSERIAL   PRIMARY KEY,
    alert_id         TEXT        NOT NULL,
    channel          TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    watchlist_id     TEXT        NOT NULL,
    user_id          UUID        NOT NULL,
    rule_id          TEXT        NOT NULL,
    item_id          INTEGER     NOT NULL,
    item_name        TEXT        NOT NULL,
    type             TEXT        NOT NULL,
    threshold        BIGINT      NOT NULL,
    observed         BIGINT      NOT NULL,
    observed_at      TIMESTAMPTZ NOT NULL,
    triggered_at     TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    attempts         INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_error       TEXT,
    delivered_at     TIMESTAMPTZ,
    dead_at          TIMESTAMPTZ,
    UNIQUE (alert_id, channel)
);

CREATE INDEX delivery_due ON alerts.delivery (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;

-- Deliveries given up after the last attempt (or at once, for a refused webhook address),
-- kept for operators: what failed and why, never the address or the URL.
CREATE TABLE alerts.dead_letter (
    delivery_id BIGINT      PRIMARY KEY REFERENCES alerts.delivery (id),
    alert_id    TEXT        NOT NULL,
    channel     TEXT        NOT NULL,
    user_id     UUID        NOT NULL,
    attempts    INTEGER     NOT NULL,
    reason      TEXT        NOT NULL,
    dead_at     TIMESTAMPTZ NOT NULL
);
