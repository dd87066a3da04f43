-- Online rebuild of one projection (issue 10, ADR 0021 section 3): a second processor
-- `<name>__next` replays the whole event stream into shadow tables in schema read_next while
-- every query goes on reading the complete tables in schema read; once it has caught up, one short
-- transaction swaps the shadow tables in. The app's login has no DDL (ADR 0017): it prepares and
-- switches through the SECURITY DEFINER functions below, which only ever act on tables of schema
-- read that the caller names and that exist.

CREATE SCHEMA read_next;
GRANT USAGE ON SCHEMA read_next TO ge_query_app;

-- One row per projection under rebuild (at most one rebuild per projection). state: 'rebuilding'
-- while `<name>__next` catches up; 'switching' while one instance (switch_node, since switch_at)
-- switches, every other instance then stopping its processors of that projection; the row is
-- deleted in the switch's transaction.
CREATE TABLE read.projection_rebuilds (
    name         TEXT        PRIMARY KEY,
    state        TEXT        NOT NULL CHECK (state IN ('rebuilding', 'switching')),
    tables       TEXT[]      NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    requested_by TEXT,
    switch_node  TEXT,
    switch_at    TIMESTAMPTZ
);
GRANT SELECT, INSERT, UPDATE, DELETE ON read.projection_rebuilds TO ge_query_app;

-- The last switch of each projection, for the runbook and the listing.
CREATE TABLE read.projection_switches (
    name        TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    switched_at TIMESTAMPTZ NOT NULL,
    position    BIGINT      NOT NULL,
    PRIMARY KEY (name, switched_at)
);
GRANT SELECT, INSERT ON read.projection_switches TO ge_query_app;
-- Operational bookkeeping, not figures: analysts (who get every new table in read by default) do not
-- read it.
REVOKE ALL ON read.projection_rebuilds, read.projection_switches FROM ge_analyst;

-- Copies the table-level and column-level privileges of one relation onto another.
CREATE FUNCTION read.copy_privileges(source REGCLASS, target REGCLASS) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    g RECORD;
BEGIN
    FOR g IN
        SELECT a.privilege_type, a.grantee
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.oid = source AND a.grantee <> c.relowner
    LOOP
        EXECUTE format('GRANT %s ON %s TO %s', g.privilege_type, target,
            CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(g.grantee::REGROLE::TEXT) END);
    END LOOP;
    FOR g IN
        SELECT at.attname, a.privilege_type, a.grantee
        FROM pg_attribute at, aclexplode(at.attacl) a
        WHERE at.attrelid = source AND at.attacl IS NOT NULL AND NOT at.attisdropped
    LOOP
        EXECUTE format('GRANT %s (%I) ON %s TO %s', g.privilege_type, g.attname, target,
            CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(g.grantee::REGROLE::TEXT) END);
    END LOOP;
END;
$$;
REVOKE EXECUTE ON FUNCTION read.copy_privileges(REGCLASS, REGCLASS) FROM PUBLIC;

-- Makes the shadow tables read_next.<t> for each read.<t>: same columns, defaults, constraints and
-- indexes (LIKE ... INCLUDING ALL; index names are PostgreSQL's own), same partitioning and
-- default partition (monthly partitions are made on demand, as in read), same privileges. With
-- fresh, shadow tables left by an earlier rebuild are dropped first; without it (a resumed
-- rebuild), existing ones are kept.
CREATE FUNCTION read.prepare_projection_rebuild(tables TEXT[], fresh BOOLEAN) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t TEXT;
    live REGCLASS;
    kind "char";
    partkey TEXT;
    default_part TEXT;
BEGIN
    FOREACH t IN ARRAY tables LOOP
        live := to_regclass(format('read.%I', t));
        IF live IS NULL THEN
            RAISE EXCEPTION 'no table read.% to rebuild', t;
        END IF;
        IF fresh THEN
            EXECUTE format('DROP TABLE IF EXISTS read_next.%I', t);
        END IF;
        CONTINUE WHEN to_regclass(format('read_next.%I', t)) IS NOT NULL;
        SELECT c.relkind, pg_get_partkeydef(c.oid) INTO kind, partkey FROM pg_class c WHERE c.oid = live;
        IF kind = 'p' THEN
            EXECUTE format('CREATE TABLE read_next.%I (LIKE read.%I INCLUDING ALL) PARTITION BY %s', t, t, partkey);
            SELECT d.relname INTO default_part
            FROM pg_partitioned_table pt JOIN pg_class d ON d.oid = pt.partdefid
            WHERE pt.partrelid = live;
            IF default_part IS NOT NULL THEN
                EXECUTE format('CREATE TABLE read_next.%I PARTITION OF read_next.%I DEFAULT', default_part, t);
                PERFORM read.copy_privileges(format('read.%I', default_part)::REGCLASS,
                    format('read_next.%I', default_part)::REGCLASS);
            END IF;
        ELSE
            EXECUTE format('CREATE TABLE read_next.%I (LIKE read.%I INCLUDING ALL)', t, t);
        END IF;
        PERFORM read.copy_privileges(live, format('read_next.%I', t)::REGCLASS);
    END LOOP;
END;
$$;

-- The switch: locks every read.<t> (waiting at most 2 s for readers and writers, then failing with
-- lock_not_available so the caller retries later), drops it with its partitions, and moves
-- read_next.<t> and its partitions into schema read. All or nothing: it runs in the caller's
-- transaction, which also moves the processor's tokens.
CREATE FUNCTION read.switch_projection_tables(tables TEXT[]) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET lock_timeout = '2s' AS $$
DECLARE
    t TEXT;
    p TEXT;
BEGIN
    FOREACH t IN ARRAY tables LOOP
        IF to_regclass(format('read.%I', t)) IS NULL OR to_regclass(format('read_next.%I', t)) IS NULL THEN
            RAISE EXCEPTION 'no table read.% or read_next.% to switch', t, t;
        END IF;
        EXECUTE format('LOCK TABLE read.%I IN ACCESS EXCLUSIVE MODE', t);
    END LOOP;
    FOREACH t IN ARRAY tables LOOP
        EXECUTE format('DROP TABLE read.%I', t);
        FOR p IN
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = format('read_next.%I', t)::REGCLASS
        LOOP
            EXECUTE format('ALTER TABLE read_next.%I SET SCHEMA read', p);
        END LOOP;
        EXECUTE format('ALTER TABLE read_next.%I SET SCHEMA read', t);
    END LOOP;
END;
$$;

-- Drops the shadow tables of an abandoned rebuild.
CREATE FUNCTION read.abandon_projection_rebuild(tables TEXT[]) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY tables LOOP
        EXECUTE format('DROP TABLE IF EXISTS read_next.%I', t);
    END LOOP;
END;
$$;

-- The journal's monthly partitions in the shadow schema, as read.ensure_user_transactions_partition
-- (V110) makes them in read. The rebuild's journal calls it in place of the live one.
CREATE FUNCTION read_next.ensure_user_transactions_partition(at TIMESTAMPTZ) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    month_start TIMESTAMPTZ := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_end   TIMESTAMPTZ := month_start + INTERVAL '1 month';
    part_name   TEXT := 'user_transactions_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    IF NOT read.is_user_transactions_month(month_start) THEN
        RETURN;
    END IF;
    IF to_regclass('read_next.' || part_name) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('read_next.user_transactions partitions'));
    IF EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = 'read_next'::REGNAMESPACE AND relname = part_name) THEN
        RETURN;
    END IF;
    EXECUTE format(
        'CREATE TABLE read_next.%I (LIKE read_next.user_transactions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
        part_name);
    EXECUTE format(
        'WITH moved AS (DELETE FROM read_next.user_transactions_default WHERE sold_at >= %L AND sold_at < %L'
        ' RETURNING *) INSERT INTO read_next.%I SELECT * FROM moved', month_start, month_end, part_name);
    EXECUTE format(
        'ALTER TABLE read_next.user_transactions ATTACH PARTITION read_next.%I FOR VALUES FROM (%L) TO (%L)',
        part_name, month_start, month_end);
    IF to_regclass('read.' || part_name) IS NOT NULL THEN
        PERFORM read.copy_privileges(format('read.%I', part_name)::REGCLASS,
            format('read_next.%I', part_name)::REGCLASS);
    END IF;
END;
$$;

-- The re-check after the advisory lock in read.ensure_user_transactions_partition (V110) never saw a
-- partition the other journal segment had just created: to_regclass answers from the backend's
-- catalog cache, which still held the "no such table" of the first check (no invalidation is read
-- while waiting for an advisory lock), so the second segment's CREATE TABLE failed with "relation
-- already exists" and its events were dead-lettered. Seen when both segments reach a new month at
-- once (two journal processors, live and rebuild, make it frequent). The re-check now reads
-- pg_class with the statement's fresh snapshot.
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
    IF EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = 'read'::REGNAMESPACE AND relname = part_name) THEN
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

REVOKE EXECUTE ON FUNCTION read.prepare_projection_rebuild(TEXT[], BOOLEAN) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION read.switch_projection_tables(TEXT[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION read.abandon_projection_rebuild(TEXT[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION read_next.ensure_user_transactions_partition(TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read.prepare_projection_rebuild(TEXT[], BOOLEAN) TO ge_query_app;
GRANT EXECUTE ON FUNCTION read.switch_projection_tables(TEXT[]) TO ge_query_app;
GRANT EXECUTE ON FUNCTION read.abandon_projection_rebuild(TEXT[]) TO ge_query_app;
GRANT EXECUTE ON FUNCTION read_next.ensure_user_transactions_partition(TIMESTAMPTZ) TO ge_query_app;
