-- Tokens and sessions (command side, com.gemetrics.command.security). Secrets only: nobody but the
-- command side reads this schema; analysts get no grant on it.
CREATE SCHEMA IF NOT EXISTS auth;

-- JWT signing keys (RS256). Every command-side instance signs with the newest key whose
-- activates_at has passed. A successor is published in the JWKS before it activates (so caches of
-- the JWKS already hold it), and a key that stopped signing (retires_at) stays published until
-- every token it signed has expired. private_key is AES-256-GCM ciphertext (12-byte IV || ciphertext
-- || tag, the kid as associated data) under a key derived from GE_AUTH_KEY_SECRET.
CREATE TABLE auth.signing_key (
    kid          TEXT        PRIMARY KEY,
    algorithm    TEXT        NOT NULL,
    public_key   BYTEA       NOT NULL,
    private_key  BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    activates_at TIMESTAMPTZ NOT NULL,
    retires_at   TIMESTAMPTZ
);

CREATE INDEX signing_key_activates_at ON auth.signing_key (activates_at DESC);

-- One row per session (a refresh-token family). roles are what the session's access tokens carry;
-- they follow role grants while the session lives.
CREATE TABLE auth.session (
    session_id     UUID        PRIMARY KEY,
    user_id        UUID        NOT NULL,
    roles          TEXT[]      NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_reason TEXT
);

CREATE INDEX session_user_active ON auth.session (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens, only as SHA-256 hashes of the 256-bit random token. A token is used once: the
-- refresh that uses it sets used_at and issues the next token of the family. Presenting a used
-- token again revokes the whole family (auth.session).
CREATE TABLE auth.refresh_token (
    token_hash  BYTEA       PRIMARY KEY,
    session_id  UUID        NOT NULL REFERENCES auth.session (session_id) ON DELETE CASCADE,
    user_id     UUID        NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);

CREATE INDEX refresh_token_session ON auth.refresh_token (session_id);
CREATE INDEX refresh_token_expires_at ON auth.refresh_token (expires_at);
