-- Daily rollups for analysts (issue 10; query side, com.gemetrics.query.rollups, processing group
-- `rollups`): per item and UTC day, what the market traded and what our users' flips did; per UTC
-- day and alert type, how many alerts fired. Analysts read these instead of scanning the raw
-- partitions of read.item_price_history and read.user_transactions. Rebuilt by replaying the
-- events; never written by hand. No personal data: no user id, no e-mail, no account name.
--
-- Sums that are not bounded (volumes reported by the prices API, coins summed over flips, see
-- ADR 0014) are NUMERIC, stored exactly; counts of events are BIGINT; averages and margins, which
-- lie between the prices they come from, are BIGINT.

-- The market per item, UTC day and bucket length: the /5m and /1h buckets the poller observed
-- (VolumeWindowObservedEvent) that start on that day. Both timesteps count the same trades: use one
-- of them, never their sum ('1h' for whole days; '5m' is finer and reaches closer to now).
CREATE TABLE read.item_daily (
    day          DATE        NOT NULL,
    item_id      INTEGER     NOT NULL,
    timestep     VARCHAR(8)  NOT NULL CHECK (timestep IN ('5m', '1h')),
    buckets      BIGINT      NOT NULL,   -- buckets of that day in which the item traded
    high_volume  NUMERIC     NOT NULL,   -- items bought instantly (at the high side)
    low_volume   NUMERIC     NOT NULL,   -- items sold instantly (at the low side)
    high_value   NUMERIC     NOT NULL,   -- sum of avg_high * high_volume over the buckets
    low_value    NUMERIC     NOT NULL,   -- sum of avg_low * low_volume over the buckets
    avg_high     BIGINT,                 -- round(high_value / high_volume); NULL without volume
    avg_low      BIGINT,                 -- round(low_value / low_volume); NULL without volume
    tax          BIGINT,                 -- GE tax on one item sold at avg_high, rule in force at the day's start
    margin       BIGINT,                 -- avg_high - avg_low - tax; NULL when a side is missing
    PRIMARY KEY (day, item_id, timestep)
);
CREATE INDEX item_daily_item_idx ON read.item_daily (item_id, timestep, day);

-- Our users' flips per item and UTC day, all users together. A flip counts as opened on the day of
-- its buy and closed on the day of its last sale or write-off; each sale and write-off counts on
-- its own day. Corrections restate the days they touch; a deleted flip leaves every row.
CREATE TABLE read.flip_daily (
    day               DATE    NOT NULL,
    item_id           INTEGER NOT NULL,
    flips_opened      BIGINT  NOT NULL,
    flips_closed      BIGINT  NOT NULL,
    sales             BIGINT  NOT NULL,  -- sale rows (write-offs excluded)
    items_bought      NUMERIC NOT NULL,  -- quantity of the flips opened that day
    items_sold        NUMERIC NOT NULL,
    items_written_off NUMERIC NOT NULL,
    cost              NUMERIC NOT NULL,  -- quantity * buy price of the flips opened that day
    revenue           NUMERIC NOT NULL,  -- sum of quantity * sell price (before tax)
    tax_paid          NUMERIC NOT NULL,  -- sum of quantity * GE tax per item
    realized_profit   NUMERIC NOT NULL,  -- sum of read.user_transactions.profit on that day (after tax, write-offs included)
    PRIMARY KEY (day, item_id)
);
CREATE INDEX flip_daily_item_idx ON read.flip_daily (item_id, day);

-- Across items: one row per UTC day.
CREATE VIEW read.flip_daily_totals AS
SELECT day,
       sum(flips_opened)::BIGINT AS flips_opened,
       sum(flips_closed)::BIGINT AS flips_closed,
       sum(sales)::BIGINT        AS sales,
       sum(items_bought)         AS items_bought,
       sum(items_sold)           AS items_sold,
       sum(items_written_off)    AS items_written_off,
       sum(cost)                 AS cost,
       sum(revenue)              AS revenue,
       sum(tax_paid)             AS tax_paid,
       sum(realized_profit)      AS realized_profit
FROM read.flip_daily
GROUP BY day;

-- Alerts fired (AlertTriggeredEvent) per UTC day of triggering, item and rule type.
CREATE TABLE read.alert_daily (
    day     DATE    NOT NULL,
    item_id INTEGER NOT NULL,
    type    TEXT    NOT NULL,
    alerts  BIGINT  NOT NULL,
    PRIMARY KEY (day, item_id, type)
);

-- The projection's own memory, not for analysts (revoked below):
-- each flip's figures as its events left them (JSON), and the aggregate sequence number last
-- applied, so a redelivered event changes nothing and a correction knows what it replaces;
CREATE TABLE read.rollup_flips (
    flip_id UUID   PRIMARY KEY,
    version BIGINT NOT NULL,
    state   JSONB  NOT NULL
);
-- the observed buckets already counted (each bucket once, whatever the delivery);
CREATE TABLE read.rollup_buckets (
    timestep     VARCHAR(8)  NOT NULL,
    bucket_start TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (timestep, bucket_start)
);
-- the last applied sequence number of each watchlist whose alerts were counted.
CREATE TABLE read.rollup_watchlists (
    watchlist_id TEXT   PRIMARY KEY,
    version      BIGINT NOT NULL
);

GRANT SELECT ON read.item_daily, read.flip_daily, read.flip_daily_totals, read.alert_daily TO ge_analyst;
REVOKE ALL ON read.rollup_flips, read.rollup_buckets, read.rollup_watchlists FROM ge_analyst;
