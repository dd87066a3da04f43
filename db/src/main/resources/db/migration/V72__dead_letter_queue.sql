-- Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue), one table for every
-- streaming processor of both apps, keyed by processing group. An event whose handler failed is
-- parked here with its cause, and so is every later event of the same sequence (same aggregate,
-- or the one market-data sequence), in order, until a retry succeeds or an admin evicts it
-- (GET/POST/DELETE /api/v1/admin/dead-letters, ADR 0016). platform-web's DeadLetterConfig builds
-- the DeadLetterSchema that names these columns. Times are ISO-8601 UTC strings, as Axon writes
-- them; payload, meta data, token and diagnostics are JSON (Jackson) as bytea.
-- Event payloads may hold personal data: no grant to ge_analyst.

CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  NOT NULL,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    PRIMARY KEY (dead_letter_id),
    CONSTRAINT dead_letter_entry_sequence_index_key UNIQUE (processing_group, sequence_identifier, sequence_index)
);

-- The unique constraint's index serves "is this sequence parked?", the head of each sequence and
-- its next letter; this one the per-processor counts and listings.
CREATE INDEX dead_letter_entry_processing_group_idx ON dead_letter_entry (processing_group);
