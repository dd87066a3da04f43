-- Crypto-shredding (issue 10, ADR 0022). Personal data in events (the e-mail address and display
-- name of UserRegisteredEvent, revision 2) is encrypted under a per-user data key kept here, outside
-- the event store. Erasing an account destroys its key: the ciphertext in the events stays, and is
-- unreadable for good, replays included.
--
-- wrapped_key: the user's AES-256 data key, itself AES-256-GCM encrypted (12-byte IV || ciphertext
-- || tag, the user id as associated data) under a key derived from GE_AUTH_KEY_SECRET with its own
-- label (so it never equals the signing-key encryption key). NULL once destroyed, and destroyed_at
-- says when; a destroyed key never comes back (the CHECK, and no DELETE for the apps: a missing row
-- could be mistaken for one not yet written).
CREATE SCHEMA IF NOT EXISTS privacy;
REVOKE ALL ON SCHEMA privacy FROM PUBLIC;

CREATE TABLE privacy.user_data_keys (
    user_id      UUID        PRIMARY KEY,
    wrapped_key  BYTEA,
    created_at   TIMESTAMPTZ NOT NULL,
    destroyed_at TIMESTAMPTZ,
    CONSTRAINT user_data_keys_destroyed_for_good CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);

-- The command side creates and destroys keys (registration, erasure, the one-time migration of
-- stored events); the query side only reads them, to decrypt in its users projection (it still
-- cannot read schema auth, V80). Analysts get nothing here.
GRANT USAGE ON SCHEMA privacy TO ge_command_app, ge_query_app;
GRANT SELECT, INSERT, UPDATE ON privacy.user_data_keys TO ge_command_app;
REVOKE DELETE, TRUNCATE ON privacy.user_data_keys FROM ge_command_app;
GRANT SELECT ON privacy.user_data_keys TO ge_query_app;

-- The one-time migration (command side, StoredEventEncryption, at start-up) looks for stored
-- revision-1 UserRegisteredEvents, which hold the address and name in clear. Once it has run this
-- index is empty, so the check at every later start costs nothing.
CREATE INDEX domain_event_entry_clear_personal_data ON domain_event_entry (global_index)
    WHERE payload_type = 'com.gemetrics.api.user.UserRegisteredEvent' AND payload_revision = '1';

-- Erasure scrubs the command side's account row but keeps it (the user id stays known, the e-mail
-- key is released so the address can register again): address and name become NULL.
ALTER TABLE auth.account ALTER COLUMN email DROP NOT NULL;
ALTER TABLE auth.account ALTER COLUMN display_name DROP NOT NULL;
ALTER TABLE auth.account ADD COLUMN erased_at TIMESTAMPTZ;

-- The users read model: a registration whose values cannot be decrypted (its key destroyed, or a
-- revision-1 row the migration has not reached) is projected without them.
ALTER TABLE read.user_profile ALTER COLUMN email DROP NOT NULL;
ALTER TABLE read.user_profile ALTER COLUMN display_name DROP NOT NULL;
