-- Axon Framework's JDBC event store, token store and dead-letter queue, in snake_case.
-- The apps' AxonConfig builds EventSchema / TokenSchema beans that name these columns.
-- Payloads are JSON (Jackson) stored as bytea: read them with convert_from(payload, 'UTF8').

CREATE TABLE domain_event_entry (
    global_index          BIGSERIAL    NOT NULL,
    aggregate_identifier  VARCHAR(255) NOT NULL,
    sequence_number       BIGINT       NOT NULL,
    type                  VARCHAR(255),
    event_identifier      VARCHAR(255) NOT NULL,
    meta_data             BYTEA,
    payload               BYTEA        NOT NULL,
    payload_revision      VARCHAR(255),
    payload_type          VARCHAR(255) NOT NULL,
    time_stamp            VARCHAR(255) NOT NULL,
    PRIMARY KEY (global_index),
    UNIQUE (aggregate_identifier, sequence_number),
    UNIQUE (event_identifier)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier  VARCHAR(255) NOT NULL,
    sequence_number       BIGINT       NOT NULL,
    type                  VARCHAR(255) NOT NULL,
    event_identifier      VARCHAR(255) NOT NULL,
    meta_data             BYTEA,
    payload               BYTEA        NOT NULL,
    payload_revision      VARCHAR(255),
    payload_type          VARCHAR(255) NOT NULL,
    time_stamp            VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    UNIQUE (event_identifier)
);

CREATE TABLE token_entry (
    processor_name  VARCHAR(255) NOT NULL,
    segment         INTEGER      NOT NULL,
    token           BYTEA,
    token_type      VARCHAR(255),
    timestamp       VARCHAR(255),
    owner           VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- A readable view of the event store for auditors and analysts.
CREATE VIEW event_log AS
SELECT global_index,
       aggregate_identifier,
       sequence_number,
       type                                   AS aggregate_type,
       payload_type,
       payload_revision,
       time_stamp::timestamptz                AS occurred_at,
       convert_from(payload, 'UTF8')::jsonb   AS payload,
       convert_from(meta_data, 'UTF8')::jsonb AS meta_data
FROM domain_event_entry;

-- ShedLock: one poller at a time across command-side instances.
CREATE TABLE shedlock (
    name        VARCHAR(64)  NOT NULL,
    lock_until  TIMESTAMPTZ  NOT NULL,
    locked_at   TIMESTAMPTZ  NOT NULL,
    locked_by   VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);
