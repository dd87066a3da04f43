-- Command-side state of the market-data poller. Not read models: the poller's memory of what it
-- has already turned into events, so a restarted or failed-over instance emits only changes.
CREATE SCHEMA IF NOT EXISTS market;

-- The catalogue as last synced (what ItemCatalogSyncedEvent has carried so far).
CREATE TABLE market.catalog_item (
    item_id     INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    examine     TEXT,
    members     BOOLEAN NOT NULL,
    buy_limit   INTEGER,
    low_alch    INTEGER,
    high_alch   INTEGER,
    value       INTEGER,
    icon        TEXT,
    synced_at   TIMESTAMPTZ NOT NULL
);

-- The latest quote per item as last emitted in a LatestPricesObservedEvent. No foreign key to
-- the catalogue: /latest carries ids that /mapping does not (yet) list.
CREATE TABLE market.latest_price (
    item_id    INTEGER PRIMARY KEY,
    high       BIGINT,
    high_time  TIMESTAMPTZ,
    low        BIGINT,
    low_time   TIMESTAMPTZ,
    CHECK (high IS NULL OR high > 0),
    CHECK (low IS NULL OR low > 0)
);

-- Each /5m and /1h bucket is recorded once; the primary key makes a second record impossible.
CREATE TABLE market.recorded_bucket (
    timestep      VARCHAR(8)  NOT NULL,
    bucket_start  TIMESTAMPTZ NOT NULL,
    item_count    INTEGER     NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (timestep, bucket_start)
);

-- Per endpoint: when it last answered well, and how it last failed. Read by both apps' health
-- checks and by the query side's staleness flag.
CREATE TABLE market.poll_status (
    endpoint              VARCHAR(32) PRIMARY KEY,
    last_success_at       TIMESTAMPTZ,
    last_attempt_at       TIMESTAMPTZ,
    last_failure_at       TIMESTAMPTZ,
    last_error            TEXT,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0
);

-- /timeseries imports done, so an item's history is imported once per timestep.
CREATE TABLE market.history_import (
    item_id      INTEGER     NOT NULL,
    timestep     VARCHAR(8)  NOT NULL,
    imported_at  TIMESTAMPTZ NOT NULL,
    point_count  INTEGER     NOT NULL,
    PRIMARY KEY (item_id, timestep)
);
