-- The analysts' read-only role: SELECT on the read schema and the readable event log, nothing else.
-- NOLOGIN: grant it to real login roles (GRANT ge_analyst TO alice).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ge_analyst') THEN
        CREATE ROLE ge_analyst NOLOGIN;
    END IF;
END;
$$;

GRANT USAGE ON SCHEMA read TO ge_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA read TO ge_analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA read GRANT SELECT ON TABLES TO ge_analyst;
GRANT SELECT ON event_log TO ge_analyst;
