-- Finding one user's Flip and Subscription events in the event store, for the auditors' "user state
-- as of an instant" (query side, GET /api/v1/audit/users/{id}/state; docs/architecture.md).
--
-- Flips and subscriptions are aggregates with ids of their own; what ties their events to a user is
-- the payload's userId ({"userId": {"value": "<uuid>"}}, JSON in bytea: ADR 2). A user's Watchlist
-- needs nothing here: its id derives from the user (watchlist-<uuid>), so the store's unique index
-- on (aggregate_identifier, sequence_number) finds it.
--
-- The index is partial: only Flip and Subscription rows are indexed, so the expression is computed
-- when such an event is appended (a few hundred bytes of JSON) and never for the market-data events
-- (no aggregate type, the bulk of the store and its largest payloads) or the User events.
-- convert_from() is only STABLE (it depends on the server encoding, fixed per database), so an
-- IMMUTABLE wrapper is needed for an index expression; every payload is UTF-8 JSON (ADR 2).
CREATE OR REPLACE FUNCTION public.payload_user_id(payload BYTEA) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT pg_catalog.convert_from(payload, 'UTF8')::jsonb -> 'userId' ->> 'value' $$;

-- On a large store, build it first without blocking appends (the same name, then this is a no-op):
--   CREATE INDEX CONCURRENTLY domain_event_entry_payload_user_id ON domain_event_entry
--     (public.payload_user_id(payload), global_index) WHERE type IN ('Flip', 'Subscription');
CREATE INDEX IF NOT EXISTS domain_event_entry_payload_user_id ON domain_event_entry
    (public.payload_user_id(payload), global_index) WHERE type IN ('Flip', 'Subscription');
