-- The auditors' event history API (GET /api/v1/audit/events, docs/audit.md) filters the event
-- store by user, aggregate type, event type and time, paged by global_index. Schema audit holds
-- what serves it; the event store itself stays in public.
CREATE SCHEMA audit;

-- The time an event was stored at, as a timestamptz. Axon writes time_stamp as an ISO-8601 UTC
-- string ending in 'Z' (DateTimeUtils.formatInstant), so the cast depends on no session setting:
-- immutable in fact, and declared so for the index below.
CREATE FUNCTION audit.event_time(time_stamp VARCHAR) RETURNS TIMESTAMPTZ
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT time_stamp::pg_catalog.timestamptz $$;

-- The user an event is about: its payload's userId, a UserId ({"value": "<uuid>"}) or a plain
-- string. Market-data events (price, item) carry none and are not parsed. A payload that is not
-- JSON gives NULL rather than an error, so this index can never make the command side's append
-- fail. Immutable: the payload of a stored event never changes.
CREATE FUNCTION audit.event_user_id(payload_type VARCHAR, payload BYTEA) RETURNS TEXT
    LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    doc JSONB;
BEGIN
    IF payload IS NULL OR payload_type LIKE 'com.gemetrics.api.price.%'
            OR payload_type LIKE 'com.gemetrics.api.item.%' THEN
        RETURN NULL;
    END IF;
    BEGIN
        doc := pg_catalog.convert_from(payload, 'UTF8')::JSONB;
    EXCEPTION WHEN OTHERS THEN
        RETURN NULL;
    END;
    IF pg_catalog.jsonb_typeof(doc) <> 'object' THEN
        RETURN NULL;
    END IF;
    RETURN COALESCE(doc -> 'userId' ->> 'value',
                    CASE WHEN pg_catalog.jsonb_typeof(doc -> 'userId') = 'string' THEN doc ->> 'userId' END);
END;
$$;

-- One index per filter, each ending in global_index so a filtered page is read in order.
-- (Plain CREATE INDEX: on a large store, create them CONCURRENTLY by hand first, with these names;
-- see docs/audit.md.)
-- The user index is partial: only aggregates' events (type set) name a user; market-data events
-- (type NULL, the bulk of the store) neither compute the expression nor take a place in it. Queries
-- on it say `type IS NOT NULL` (or a list of types) so the planner may use it.
CREATE INDEX IF NOT EXISTS domain_event_entry_user_idx
    ON domain_event_entry (audit.event_user_id(payload_type, payload), global_index)
    WHERE type IS NOT NULL;
CREATE INDEX IF NOT EXISTS domain_event_entry_time_idx
    ON domain_event_entry (audit.event_time(time_stamp), global_index);
CREATE INDEX IF NOT EXISTS domain_event_entry_type_idx
    ON domain_event_entry (type, global_index);
CREATE INDEX IF NOT EXISTS domain_event_entry_payload_type_idx
    ON domain_event_entry (payload_type, global_index);
