-- Read models built by the query side's projections. Analysts query this schema (SELECT only).
CREATE SCHEMA IF NOT EXISTS read;

-- One row per item: catalogue, latest prices, and the derived figures (tax under the rule in
-- force when the row was last computed, margin after tax, ROI, ...). Coins are BIGINT.
CREATE TABLE read.item_summary (
    item_id           INTEGER PRIMARY KEY,
    name              TEXT,
    examine           TEXT,
    members           BOOLEAN NOT NULL DEFAULT FALSE,
    buy_limit         INTEGER,
    low_alch          INTEGER,
    high_alch         INTEGER,
    value             INTEGER,
    icon              TEXT,
    high              BIGINT,
    high_time         TIMESTAMPTZ,
    low               BIGINT,
    low_time          TIMESTAMPTZ,
    tax               BIGINT,
    margin            BIGINT,
    roi               DOUBLE PRECISION,
    profit_per_limit  BIGINT,
    high_alch_profit  BIGINT,
    avg_high_5m       BIGINT,
    avg_low_5m        BIGINT,
    volume_5m         BIGINT,
    avg_high_1h       BIGINT,
    avg_low_1h        BIGINT,
    volume_1h         BIGINT,
    prices_updated_at TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX item_summary_margin_idx ON read.item_summary (margin DESC NULLS LAST);
CREATE INDEX item_summary_volume_1h_idx ON read.item_summary (volume_1h DESC NULLS LAST);

-- Market-wide facts the projections keep: the last observed poll and buckets.
CREATE TABLE read.market_status (
    id                        SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    last_prices_observed_at   TIMESTAMPTZ,
    last_5m_bucket            TIMESTAMPTZ,
    last_1h_bucket            TIMESTAMPTZ,
    last_catalog_synced_at    TIMESTAMPTZ
);

-- Price history: one row per item, timestep and bucket, partitioned by month on ts.
CREATE TABLE read.item_price_history (
    item_id       INTEGER     NOT NULL,
    timestep      VARCHAR(8)  NOT NULL,
    ts            TIMESTAMPTZ NOT NULL,
    avg_high      BIGINT,
    avg_low       BIGINT,
    high_volume   BIGINT      NOT NULL,
    low_volume    BIGINT      NOT NULL,
    PRIMARY KEY (item_id, timestep, ts)
) PARTITION BY RANGE (ts);
-- The seed's timestamp index, for time-range scans across items.
CREATE INDEX item_price_history_ts_idx ON read.item_price_history (ts);

-- Creates the monthly partition holding instant `at`, if missing. Idempotent.
CREATE FUNCTION read.ensure_price_history_partition(at TIMESTAMPTZ) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    month_start TIMESTAMPTZ := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    part_name   TEXT := 'item_price_history_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    EXECUTE format(
        'CREATE TABLE IF NOT EXISTS read.%I PARTITION OF read.item_price_history FOR VALUES FROM (%L) TO (%L)',
        part_name, month_start, month_start + INTERVAL '1 month');
END;
$$;

-- Creates this month's partition and the next `months_ahead` ones.
CREATE FUNCTION read.ensure_price_history_partitions_ahead(months_ahead INTEGER) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 0..months_ahead LOOP
        PERFORM read.ensure_price_history_partition(now() + make_interval(months => i));
    END LOOP;
END;
$$;

SELECT read.ensure_price_history_partitions_ahead(3);
