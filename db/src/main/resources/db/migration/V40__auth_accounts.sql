-- Accounts and credentials (command side, com.gemetrics.command.user). Secrets and personal data:
-- nobody but the command side reads this schema; analysts get no grant on it.
CREATE SCHEMA IF NOT EXISTS auth;

-- One row per registered user, written by the command side's subscribing user-accounts processor
-- in the same transaction as the user's events. email_key (the address NFC-normalized and
-- lower-cased) is UNIQUE: of two registrations racing for one address, on any instances, the
-- second insert waits for the first to commit and then fails, so exactly one wins.
CREATE TABLE auth.account (
    user_id        UUID        PRIMARY KEY,
    email          TEXT        NOT NULL,
    email_key      TEXT        NOT NULL UNIQUE,
    display_name   TEXT        NOT NULL,
    email_verified BOOLEAN     NOT NULL DEFAULT FALSE,
    roles          TEXT[]      NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL,
    verified_at    TIMESTAMPTZ
);

-- The password hash, in Spring Security's prefixed form ({argon2}..., {bcrypt}...) so the
-- algorithm and its cost can change and old hashes are upgraded at the next login (ADR 7).
-- Never in an event.
CREATE TABLE auth.credential (
    user_id       UUID        PRIMARY KEY REFERENCES auth.account (user_id),
    password_hash TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Single-use e-mail verification tokens (24 h), only as SHA-256 hashes of the 256-bit random token.
CREATE TABLE auth.email_verification_token (
    token_hash BYTEA       PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES auth.account (user_id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

CREATE INDEX email_verification_token_user ON auth.email_verification_token (user_id);
CREATE INDEX email_verification_token_expires_at ON auth.email_verification_token (expires_at);

-- Single-use password reset tokens (30 min), hashed the same way. A new request, a completed
-- reset and a password change each use up every outstanding token of the user.
CREATE TABLE auth.password_reset_token (
    token_hash BYTEA       PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES auth.account (user_id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

CREATE INDEX password_reset_token_user ON auth.password_reset_token (user_id);
CREATE INDEX password_reset_token_expires_at ON auth.password_reset_token (expires_at);

-- Outgoing mail, written in the same transaction as the fact that asks for it and sent after
-- commit by a scheduled sender on any instance (FOR UPDATE SKIP LOCKED), retried with backoff.
-- body holds the link with its token until the mail is sent (or given up), then it is erased.
CREATE TABLE auth.mail_outbox (
    id              BIGSERIAL   PRIMARY KEY,
    kind            TEXT        NOT NULL,
    recipient       TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    body            TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    last_error      TEXT,
    sent_at         TIMESTAMPTZ,
    failed_at       TIMESTAMPTZ
);

CREATE INDEX mail_outbox_due ON auth.mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
