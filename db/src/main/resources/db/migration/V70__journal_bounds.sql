-- Issue 8, domain bounds: the journal read models never fail on an event the Flip aggregate
-- accepted, now or before it bounded quantities and times.
--
-- Since 2026-12 a flip's quantities and prices are at most 2,147,483,647 and its times lie between
-- 2013-02-22 (the Grand Exchange opened) and now (GeLimits in shared-api). A flip's revenue, tax and
-- profit then fit a BIGINT; flips stored before may hold more (their sales' totals each fit, their
-- sum need not), so the per-flip sums become NUMERIC: stored exactly, never refused. The per-sale
-- columns of read.user_transactions stay BIGINT: every earlier rule already kept them in range.

ALTER TABLE read.flips
    ALTER COLUMN revenue TYPE NUMERIC USING revenue::NUMERIC,
    ALTER COLUMN tax_paid TYPE NUMERIC USING tax_paid::NUMERIC,
    ALTER COLUMN realized_profit TYPE NUMERIC USING realized_profit::NUMERIC;

-- The monthly partitions of read.user_transactions are bounded: one per month from 2013-02 to
-- next month (about 12 a year), plus the default partition, which holds any row outside them
-- (a time stored before the bounds). A month outside them is never given a partition.

-- Whether the month starting at `month_start` (UTC) may have its own partition: from the Grand
-- Exchange's opening month to the month after the current one (sales may be a few minutes ahead of
-- the clock, across a month's end).
CREATE FUNCTION read.is_user_transactions_month(month_start TIMESTAMPTZ) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT month_start >= TIMESTAMPTZ '2013-02-01 00:00:00+00'
       AND month_start <= date_trunc('month', (now() AT TIME ZONE 'UTC') + INTERVAL '1 month') AT TIME ZONE 'UTC'
$$;

CREATE OR REPLACE FUNCTION read.ensure_user_transactions_partition(at TIMESTAMPTZ) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    month_start TIMESTAMPTZ := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_end   TIMESTAMPTZ := month_start + INTERVAL '1 month';
    part_name   TEXT := 'user_transactions_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    IF NOT read.is_user_transactions_month(month_start) THEN
        RETURN;
    END IF;
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

-- Partitions made before the bound for months outside it: their rows move to the default partition.
DO $$
DECLARE
    part        RECORD;
    month_start TIMESTAMPTZ;
BEGIN
    FOR part IN
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.inhparent = 'read.user_transactions'::regclass AND n.nspname = 'read'
          AND c.relname <> 'user_transactions_default'
    LOOP
        IF part.relname ~ '^user_transactions_[0-9]{4}_[0-9]{2}$' THEN
            month_start := make_timestamptz(substr(part.relname, 19, 4)::INTEGER, substr(part.relname, 24, 2)::INTEGER,
                                            1, 0, 0, 0, 'UTC');
            CONTINUE WHEN read.is_user_transactions_month(month_start);
        END IF;
        EXECUTE format('ALTER TABLE read.user_transactions DETACH PARTITION read.%I', part.relname);
        EXECUTE format('INSERT INTO read.user_transactions SELECT * FROM read.%I', part.relname);
        EXECUTE format('DROP TABLE read.%I', part.relname);
    END LOOP;
END;
$$;
