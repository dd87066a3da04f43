-- Least-privilege roles for the two apps (ADR 0017). Flyway runs as the owner of every object
-- (GE_DATABASE_MIGRATION_USERNAME); each app connects as a login role that is a member of one of
-- these NOLOGIN group roles (GE_DATABASE_USERNAME). Deployment creates the login roles
-- (docs/runbook.md, "Database roles"); the dev stack and the tests create their own.
--
--   ge_command_app  reads and writes every table of the app (event store, market, auth, alerts),
--                   but owns nothing: no DDL.
--   ge_query_app    reads the events, writes its read models (schema read), its tracking tokens,
--                   processor nodes and dead letters; reads market.poll_status. Cannot read auth
--                   or alerts (password hashes, signing keys, sessions, webhook URLs) and cannot
--                   write the event store.
--
-- Roles are cluster-wide while grants live in each database: this migration runs once per
-- database (test contexts each make their own), so creating a role tolerates it existing, also
-- when another database's migration creates it at the same moment.
DO $$
DECLARE
    role_name TEXT;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['ge_command_app', 'ge_query_app'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO ge_command_app, ge_query_app', current_database());
    -- No temporary tables for anyone but the owner: the partition functions below run as the owner
    -- and use one, so a caller must not be able to plant its own in their place.
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END;
$$;

-- The command side: every schema of the app, now and later (default privileges of the migration
-- user, who creates every later table, sequence and schema).
GRANT USAGE ON SCHEMA public, market, auth, alerts, read TO ge_command_app;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public, market, auth, alerts, read
    TO ge_command_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public, market, auth, alerts, read TO ge_command_app;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO ge_command_app;
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ge_command_app;
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ge_command_app;

-- The query side: its read models, all of them, now and later.
GRANT USAGE ON SCHEMA read TO ge_query_app;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA read TO ge_query_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA read TO ge_query_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA read GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ge_query_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA read GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ge_query_app;

-- The query side in schema public (Axon's tables): write access schema-wide, now and later, so
-- the processors' tables (token_entry, event_processor_node, dead letters) are covered; then the
-- event store and what only the command side uses are taken back.
GRANT USAGE ON SCHEMA public TO ge_query_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ge_query_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ge_query_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ge_query_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ge_query_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON domain_event_entry FROM ge_query_app;
REVOKE ALL ON SEQUENCE domain_event_entry_global_index_seq FROM ge_query_app;
REVOKE ALL ON snapshot_event_entry, shedlock, event_log FROM ge_query_app;

-- The query side's staleness flag and deep health check read the poller's status.
GRANT USAGE ON SCHEMA market TO ge_query_app;
GRANT SELECT ON market.poll_status TO ge_query_app;

-- Neither app touches Flyway's history (Flyway itself runs as the owner).
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        REVOKE ALL ON flyway_schema_history FROM ge_command_app, ge_query_app;
    END IF;
END;
$$;

-- Creating a partition needs ownership of the partitioned table, which only the owner has: the
-- query side creates monthly partitions through these functions, which run as their owner
-- (SECURITY DEFINER, with a fixed search_path), and only the query side may call them. A later
-- migration that replaces one of them (CREATE OR REPLACE FUNCTION) must say SECURITY DEFINER and
-- SET search_path again, or the query side can no longer create partitions.
DO $$
DECLARE
    fn REGPROCEDURE;
BEGIN
    FOR fn IN
        SELECT p.oid::REGPROCEDURE FROM pg_proc p
        WHERE p.pronamespace = 'read'::REGNAMESPACE AND p.proname LIKE 'ensure\_%partition%'
    LOOP
        EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, pg_temp', fn);
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ge_query_app', fn);
    END LOOP;
END;
$$;
