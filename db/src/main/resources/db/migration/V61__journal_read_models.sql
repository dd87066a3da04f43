-- The trading journal read models (query side, com.gemetrics.query.journal, processor `journal`).
-- Rebuilt by replaying the Flip events: a change of the GE tax rules restates every profit through
-- a replay, never through a migration. Coins are BIGINT, times TIMESTAMPTZ (UTC).

-- One row per flip that exists (deleted flips are removed, see read.flip_tombstones).
CREATE TABLE read.flips (
    flip_id              UUID        PRIMARY KEY,
    user_id              UUID        NOT NULL,
    account              TEXT        NOT NULL,
    item_id              INTEGER     NOT NULL,
    quantity             BIGINT      NOT NULL,             -- bought (as last corrected)
    buy_price            BIGINT      NOT NULL,             -- per item
    bought_at            TIMESTAMPTZ NOT NULL,
    sold_quantity        BIGINT      NOT NULL DEFAULT 0,
    written_off_quantity BIGINT      NOT NULL DEFAULT 0,
    sales_count          INTEGER     NOT NULL DEFAULT 0,
    revenue              BIGINT      NOT NULL DEFAULT 0,   -- sum of quantity * sell price (before tax)
    tax_paid             BIGINT      NOT NULL DEFAULT 0,   -- sum of quantity * tax per item
    realized_profit      BIGINT      NOT NULL DEFAULT 0,   -- sum of user_transactions.profit (after tax)
    status               TEXT        NOT NULL CHECK (status IN ('open', 'closed')),
    last_sale_at         TIMESTAMPTZ,                      -- latest sale (write-offs excluded)
    closed_at            TIMESTAMPTZ,                      -- latest sale or write-off once nothing is left
    version              BIGINT      NOT NULL,             -- aggregate sequence number last applied
    updated_at           TIMESTAMPTZ NOT NULL              -- time of the event last applied
);
-- The user's list, newest buy first (keyset on bought_at, flip_id), and the buy-limit window.
CREATE INDEX flips_user_bought_idx ON read.flips (user_id, bought_at DESC, flip_id DESC);
-- Open positions.
CREATE INDEX flips_user_open_idx ON read.flips (user_id, account, item_id) WHERE status = 'open';

-- Deleted flips: enough to answer the consistency-token check of a delete, and to ignore
-- redelivered events of a deleted flip.
CREATE TABLE read.flip_tombstones (
    flip_id    UUID        PRIMARY KEY,
    user_id    UUID        NOT NULL,
    version    BIGINT      NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL
);

-- One row per sale (kind 'sale') and per write-off (kind 'write-off', sale_id 'write-off',
-- sell price 0, no tax): profit = quantity * (sell_price - tax_per_item - buy_price).
-- Partitioned by month on sold_at (read.user_transactions_YYYY_MM, created on demand; rows of a
-- month without a partition land in the default partition until it is created).
CREATE TABLE read.user_transactions (
    user_id      UUID        NOT NULL,
    flip_id      UUID        NOT NULL,
    sale_id      TEXT        NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('sale', 'write-off')),
    account      TEXT        NOT NULL,
    item_id      INTEGER     NOT NULL,
    quantity     BIGINT      NOT NULL,
    buy_price    BIGINT      NOT NULL,
    sell_price   BIGINT      NOT NULL,
    tax_per_item BIGINT      NOT NULL,
    profit       BIGINT      NOT NULL,
    sold_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (flip_id, sale_id, sold_at)
) PARTITION BY RANGE (sold_at);
CREATE TABLE read.user_transactions_default PARTITION OF read.user_transactions DEFAULT;
-- The user's sales by time: stats over a range, profit per day.
CREATE INDEX user_transactions_user_sold_idx ON read.user_transactions (user_id, sold_at DESC);
-- The partial index on profit: losing trades only. Serves the loss figures of the stats and the
-- worst items (an item can only lose money overall if one of its trades lost). A partial index on
-- profit > 0 is left out on purpose: most trades win, so it would index most of the table.
CREATE INDEX user_transactions_losses_idx ON read.user_transactions (user_id, profit)
    INCLUDE (item_id, account, sold_at) WHERE profit < 0;

-- Creates the monthly partition holding instant `at`, if missing, moving any rows of that month
-- out of the default partition first. Idempotent; serialized by an advisory lock, since the
-- projection's segments may ask for the same month at once.
CREATE FUNCTION read.ensure_user_transactions_partition(at TIMESTAMPTZ) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    month_start TIMESTAMPTZ := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_end   TIMESTAMPTZ := month_start + INTERVAL '1 month';
    part_name   TEXT := 'user_transactions_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    IF to_regclass('read.' || part_name) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('read.user_transactions partitions'));
    IF to_regclass('read.' || part_name) IS NOT NULL THEN
        RETURN;
    END IF;
    CREATE TEMP TABLE IF NOT EXISTS user_transactions_moving (LIKE read.user_transactions) ON COMMIT DROP;
    WITH moved AS (
        DELETE FROM read.user_transactions_default WHERE sold_at >= month_start AND sold_at < month_end RETURNING *
    )
    INSERT INTO user_transactions_moving SELECT * FROM moved;
    EXECUTE format(
        'CREATE TABLE read.%I PARTITION OF read.user_transactions FOR VALUES FROM (%L) TO (%L)',
        part_name, month_start, month_end);
    INSERT INTO read.user_transactions SELECT * FROM user_transactions_moving;
    DROP TABLE user_transactions_moving;
END;
$$;

SELECT read.ensure_user_transactions_partition(now());

-- Buy-limit usage at instant `at`: per user, account and item, the items bought in the 4 hours
-- before `at`, when that window resets (earliest buy in it + 4 h), and the item's limit from
-- /mapping (NULL when unknown). Inlined by the planner, so a filter on user_id reaches the index.
CREATE FUNCTION read.buy_limit_usage_at(at TIMESTAMPTZ)
RETURNS TABLE (user_id UUID, account TEXT, item_id INTEGER, item_name TEXT, buy_limit INTEGER,
               bought_in_window BIGINT, resets_at TIMESTAMPTZ)
LANGUAGE sql STABLE AS $$
    SELECT f.user_id, f.account, f.item_id, i.name, i.buy_limit,
           sum(f.quantity)::BIGINT, min(f.bought_at) + INTERVAL '4 hours'
    FROM read.flips f
    LEFT JOIN read.item_summary i ON i.item_id = f.item_id
    WHERE f.bought_at > at - INTERVAL '4 hours' AND f.bought_at <= at
    GROUP BY f.user_id, f.account, f.item_id, i.name, i.buy_limit
$$;

-- The same, now: for analysts.
CREATE VIEW read.buy_limit_usage AS SELECT * FROM read.buy_limit_usage_at(now());

GRANT SELECT ON read.flips, read.flip_tombstones, read.user_transactions, read.user_transactions_default,
    read.buy_limit_usage TO ge_analyst;
GRANT EXECUTE ON FUNCTION read.buy_limit_usage_at(TIMESTAMPTZ) TO ge_analyst;
