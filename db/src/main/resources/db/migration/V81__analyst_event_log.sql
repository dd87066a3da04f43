-- Analysts read the events without personal data (ADR 0017). event_log (V1) shows every payload as
-- stored, and user events carry the e-mail address and display name (UserRegisteredEvent; see
-- docs/events.md): analysts now get analyst_event_log, the same rows with those fields removed
-- from every payload, and no longer the raw view. Auditors see the full events through the API.
-- A new event carrying personal data under another field name must be added to the list here (in
-- a new migration: CREATE OR REPLACE VIEW) before analysts may see it.
CREATE VIEW analyst_event_log AS
SELECT global_index,
       aggregate_identifier,
       sequence_number,
       aggregate_type,
       payload_type,
       payload_revision,
       occurred_at,
       payload - ARRAY['email', 'displayName'] AS payload,
       meta_data
FROM event_log;

REVOKE ALL ON event_log FROM ge_analyst;
GRANT SELECT ON analyst_event_log TO ge_analyst;
-- Schema public's default privileges (V80) would give the query side this view too: it has no use
-- for it.
REVOKE ALL ON analyst_event_log FROM ge_query_app;
