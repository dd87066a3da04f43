-- Query-side instances announce themselves here, so that an instance holding more than its fair
-- share of event-processor segments can release some to a newcomer that holds none yet.
CREATE TABLE event_processor_node (
    node_id    VARCHAR(64) PRIMARY KEY,
    last_seen  TIMESTAMPTZ NOT NULL
);
