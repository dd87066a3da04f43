-- A projection never waits on a lock to make a monthly partition of read.user_transactions
-- (issue 10; ADR 0021). V110's ATTACH PARTITION still needs ACCESS EXCLUSIVE on the default
-- partition (it checks that no default row belongs to the new month), and every transaction that
-- has read read.user_transactions holds ACCESS SHARE on that partition until it ends. The journal
-- processor's segments each write a batch in one transaction: one segment held the advisory lock and
-- waited for the other's batch, the other waited for the advisory lock or retried behind it, and the
-- replay of loadtest/bench.sh replay stopped for good at 145,005 of 200,002 events.
--
-- Now the function returns whether the partition exists when it returns. It takes the advisory lock
-- only if free and gives up on any lock it cannot get within lock_timeout (set for the call only):
-- FALSE then, and the caller writes its row to the default partition, which always accepts it.
-- The next sale of that month asks again, and the partition, once made, takes the month's rows out
-- of the default partition. Nothing is lost and no writer waits for another.

DROP FUNCTION read.ensure_user_transactions_partition(TIMESTAMPTZ);

CREATE FUNCTION read.ensure_user_transactions_partition(at TIMESTAMPTZ) RETURNS BOOLEAN
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET lock_timeout = '200ms' AS $$
DECLARE
    month_start TIMESTAMPTZ := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_end   TIMESTAMPTZ := month_start + INTERVAL '1 month';
    part_name   TEXT := 'user_transactions_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    IF NOT read.is_user_transactions_month(month_start) THEN
        RETURN FALSE;
    END IF;
    IF to_regclass('read.' || part_name) IS NOT NULL THEN
        RETURN TRUE;
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('read.user_transactions partitions')) THEN
        RETURN FALSE;
    END IF;
    IF to_regclass('read.' || part_name) IS NOT NULL THEN
        RETURN TRUE;
    END IF;
    BEGIN
        EXECUTE format('CREATE TABLE read.%I (LIKE read.user_transactions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
            part_name);
        EXECUTE format(
            'WITH moved AS (DELETE FROM read.user_transactions_default WHERE sold_at >= %L AND sold_at < %L RETURNING *)'
            ' INSERT INTO read.%I SELECT * FROM moved', month_start, month_end, part_name);
        EXECUTE format(
            'ALTER TABLE read.user_transactions ATTACH PARTITION read.%I FOR VALUES FROM (%L) TO (%L)',
            part_name, month_start, month_end);
    EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
        RETURN FALSE;
    END;
    RETURN TRUE;
END;
$$;

REVOKE EXECUTE ON FUNCTION read.ensure_user_transactions_partition(TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read.ensure_user_transactions_partition(TIMESTAMPTZ) TO ge_query_app;
