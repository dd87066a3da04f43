#!/usr/bin/env bash
# Runs once, when the postgres-data volume is first initialised (ADR 0017): the apps' login roles,
# members of the NOLOGIN group roles that the migrations (V80) grant to. The group roles are
# created here too, so the logins can join them before the first migration; V80 leaves existing
# roles alone. Passwords come from .env (GE_COMMAND_DATABASE_PASSWORD, GE_QUERY_DATABASE_PASSWORD).
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
	-v command_password="$GE_COMMAND_DATABASE_PASSWORD" -v query_password="$GE_QUERY_DATABASE_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE ge_command_app NOLOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ge_command_app')
\gexec
SELECT 'CREATE ROLE ge_query_app NOLOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ge_query_app')
\gexec
CREATE ROLE ge_command LOGIN PASSWORD :'command_password' IN ROLE ge_command_app;
CREATE ROLE ge_query LOGIN PASSWORD :'query_password' IN ROLE ge_query_app;
SQL
