-- Monthly partitions of read.user_transactions are now made by ATTACH PARTITION instead of
-- CREATE TABLE ... PARTITION OF (issue 10, ADR 0021). CREATE ... PARTITION OF takes an ACCESS
-- EXCLUSIVE lock on read.user_transactions, which waits for every transaction that has written to
-- the table. The journal processor's two segments each write a batch in one transaction: when both
-- reached a new month, one held the advisory lock below and waited for the other's batch, which
-- waited for the advisory lock: the replay of a million events (loadtest/bench.sh replay) stalled
-- for minutes at a month's start. ATTACH takes only SHARE UPDATE EXCLUSIVE on the parent (no
-- conflict with writers), so the one holding the advisory lock never waits for the other. The new
-- month's rows still move out of the default partition first. SECURITY DEFINER with a fixed
-- search_path, as V80 requires of every partition function.

CREATE OR REPLACE FUNCTION read.ensure_user_transactions_partition(at TIMESTAMPTZ) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
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
    EXECUTE format('CREATE TABLE read.%I (LIKE read.user_transactions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
        part_name);
    EXECUTE format(
        'WITH moved AS (DELETE FROM read.user_transactions_default WHERE sold_at >= %L AND sold_at < %L RETURNING *)'
        ' INSERT INTO read.%I SELECT * FROM moved', month_start, month_end, part_name);
    EXECUTE format(
        'ALTER TABLE read.user_transactions ATTACH PARTITION read.%I FOR VALUES FROM (%L) TO (%L)',
        part_name, month_start, month_end);
END;
$$;

REVOKE EXECUTE ON FUNCTION read.ensure_user_transactions_partition(TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read.ensure_user_transactions_partition(TIMESTAMPTZ) TO ge_query_app;
