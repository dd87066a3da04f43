-- The watchlist read models (query side, com.gemetrics.query.watchlist, processing group
-- `watchlist`): what GET /api/v1/watchlist answers, and what analysts read about watched items,
-- alert rules and fired alerts. Rebuilt by replaying the watchlist events; never written by hand.
-- No personal data beyond the owner's user id (no e-mail addresses, no webhook URLs), so analysts
-- get SELECT as on every read table (V4's default privileges; granted again here explicitly).

-- One row per user whose watchlist has events: how far the projection is, for read-your-writes.
-- version = aggregate sequence number of the last applied event of aggregate `watchlist-<user_id>`.
CREATE TABLE read.watchlists (
    user_id    UUID        PRIMARY KEY,
    version    BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The items a user watches.
CREATE TABLE read.watchlist_items (
    user_id    UUID        NOT NULL,
    item_id    INTEGER     NOT NULL,
    watched_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, item_id)
);

-- The alert rules on watched items (the seed's is_active: a paused rule is kept but never fires),
-- with what the alert policy last fired for each.
CREATE TABLE read.alert_rules (
    user_id           UUID        NOT NULL,
    rule_id           TEXT        NOT NULL,
    item_id           INTEGER     NOT NULL,
    type              TEXT        NOT NULL CHECK (type IN ('PRICE_AT_OR_ABOVE', 'PRICE_AT_OR_BELOW', 'MARGIN_AT_OR_ABOVE')),
    value             BIGINT      NOT NULL,
    is_active         BOOLEAN     NOT NULL,
    last_triggered_at TIMESTAMPTZ,
    last_observed     BIGINT,
    triggered_count   INTEGER     NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, rule_id)
);
CREATE INDEX alert_rules_user_item_idx ON read.alert_rules (user_id, item_id);

-- Every alert the policy fired (kept after the rule or the item is gone).
CREATE TABLE read.alert_history (
    user_id      UUID        NOT NULL,
    alert_id     TEXT        NOT NULL,
    rule_id      TEXT        NOT NULL,
    item_id      INTEGER     NOT NULL,
    type         TEXT        NOT NULL,
    threshold    BIGINT      NOT NULL,
    observed     BIGINT      NOT NULL,
    observed_at  TIMESTAMPTZ NOT NULL,
    triggered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, alert_id)
);
CREATE INDEX alert_history_user_recent_idx ON read.alert_history (user_id, triggered_at DESC, alert_id DESC);

-- Delivery status of an alert per channel (EMAIL, WEBHOOK): the latest delivered or failed fact.
-- No row for a channel: not delivered yet (or not configured).
CREATE TABLE read.alert_deliveries (
    user_id  UUID        NOT NULL,
    alert_id TEXT        NOT NULL,
    channel  TEXT        NOT NULL,
    status   TEXT        NOT NULL CHECK (status IN ('DELIVERED', 'FAILED')),
    attempts INTEGER     NOT NULL,
    reason   TEXT,
    at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, alert_id, channel)
);

GRANT SELECT ON read.watchlists, read.watchlist_items, read.alert_rules, read.alert_history, read.alert_deliveries
    TO ge_analyst;
