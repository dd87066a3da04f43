-- Every call of the auditors' API is itself recorded (docs/audit.md): who, when, which endpoint
-- with which filters, how many events it returned. Insert-only for the query side: it can neither
-- read nor change what it wrote. The command side and analysts get nothing here; the owner (DBAs)
-- reads it.
CREATE TABLE audit.access_log (
    id          BIGSERIAL    PRIMARY KEY,
    accessed_at TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(255) NOT NULL,
    roles       VARCHAR(255) NOT NULL,
    endpoint    VARCHAR(255) NOT NULL,
    filters     JSONB        NOT NULL,
    returned    BIGINT       NOT NULL,
    -- complete, or aborted: an export broken off (the client went away) after `returned` events
    outcome     VARCHAR(16)  NOT NULL,
    request_id  VARCHAR(64)
);

CREATE INDEX access_log_accessed_at_idx ON audit.access_log (accessed_at);

-- The query side: the helper functions of V100 (schema usage) and appending to the log.
GRANT USAGE ON SCHEMA audit TO ge_query_app;
GRANT INSERT ON audit.access_log TO ge_query_app;
GRANT USAGE ON SEQUENCE audit.access_log_id_seq TO ge_query_app;

-- V80's default privileges gave the command side every new table and sequence: not this one.
REVOKE ALL ON audit.access_log FROM ge_command_app;
REVOKE ALL ON SEQUENCE audit.access_log_id_seq FROM ge_command_app;
