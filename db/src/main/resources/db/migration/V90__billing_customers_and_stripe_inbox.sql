-- Billing with Stripe (command side, com.gemetrics.command.billing; docs/billing.md, ADR 0020).
-- Stripe ids and raw Stripe events, which hold customers' names and e-mail addresses: only the
-- command side reads this schema. ge_command_app gets it through the default privileges of V80
-- (every schema and table the migration user creates); ge_query_app and ge_analyst get nothing.
CREATE SCHEMA IF NOT EXISTS billing;

-- One row per user who ever opened a Checkout session: their Stripe customer (created once, with
-- an idempotency key, so a retried checkout never makes a second one) and the id of their
-- Subscription aggregate, allocated at that first checkout and never the user's own id.
CREATE TABLE billing.customers (
    user_id            UUID        PRIMARY KEY,
    stripe_customer_id TEXT        NOT NULL UNIQUE,
    subscription_id    TEXT        NOT NULL UNIQUE,
    created_at         TIMESTAMPTZ NOT NULL
);

-- Every Stripe event whose signature checked out, stored before the webhook is answered (so a
-- crash after the 2xx loses nothing) and processed afterwards by the inbox processor on any
-- instance. event_id is Stripe's evt_... id: a redelivery inserts nothing (ON CONFLICT DO NOTHING).
-- Processing claims due rows with FOR UPDATE SKIP LOCKED under a lease (as V74 does for the mail
-- outbox and alert deliveries): lease_until is when another instance may take a row over,
-- claim_id the claim an outcome must match to be recorded; attempts counts attempts started.
-- A row is done when processed_at is set (event types we do not act on are stored processed),
-- or dead (dead_at) after the last attempt; last_error says why it failed, never payload data.
CREATE TABLE billing.stripe_inbox (
    event_id        TEXT        PRIMARY KEY,
    type            TEXT        NOT NULL,
    payload         JSONB       NOT NULL,
    stripe_created  TIMESTAMPTZ NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    processed_at    TIMESTAMPTZ,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_until     TIMESTAMPTZ,
    claim_id        UUID,
    last_error      TEXT,
    dead_at         TIMESTAMPTZ
);

CREATE INDEX stripe_inbox_due ON billing.stripe_inbox (next_attempt_at)
    WHERE processed_at IS NULL AND dead_at IS NULL;
CREATE INDEX stripe_inbox_processed ON billing.stripe_inbox (processed_at) WHERE processed_at IS NOT NULL;

-- Said outright rather than left to the default privileges alone.
GRANT USAGE ON SCHEMA billing TO ge_command_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON billing.customers, billing.stripe_inbox TO ge_command_app;
REVOKE ALL ON SCHEMA billing FROM PUBLIC;
