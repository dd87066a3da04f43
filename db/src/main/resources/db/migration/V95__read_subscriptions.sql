-- The subscriptions read model (query side, com.gemetrics.query.subscriptions, processing group
-- `subscriptions`): one row per user who ever started a checkout, with the state of their
-- subscription as the Subscription events tell it. Rebuilt by replaying those events; never
-- written by hand. Both apps read it to decide entitlements (platform-web's EntitlementLookup):
-- the query side owns it (ge_query_app: every table of schema read, V80's default privileges);
-- the command side reads schema read already (V80). No card data and no e-mail address: only
-- Stripe's ids, so analysts get SELECT as on every read table (V4's default privileges).
CREATE TABLE read.subscriptions (
    user_id                UUID        PRIMARY KEY,
    -- the Subscription aggregate (subscription-<uuid>, never the user id)
    subscription_id        TEXT        NOT NULL,
    plan                   TEXT        NOT NULL CHECK (plan IN ('FREE', 'PREMIUM_MONTHLY', 'PREMIUM_YEARLY')),
    -- Stripe's status in lower case (SubscriptionStatus.wire()), or 'none' before any subscription
    status                 TEXT        NOT NULL CHECK (status IN ('none', 'incomplete', 'incomplete_expired',
                                           'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused')),
    stripe_subscription_id TEXT,
    stripe_customer_id     TEXT,
    current_period_end     TIMESTAMPTZ,
    cancel_at_period_end   BOOLEAN     NOT NULL DEFAULT FALSE,
    -- when the status turned past_due (premium stays for Entitlements.PAST_DUE_GRACE); NULL otherwise
    past_due_since         TIMESTAMPTZ,
    -- when the projection last wrote the row (database clock), not the event's time: the
    -- entitlement caches of both apps poll for rows changed since they last looked, and an event
    -- applied late (catch-up, a dead letter retried) must still be seen
    updated_at             TIMESTAMPTZ NOT NULL,
    -- aggregate sequence number of the last applied event of subscription_id (idempotency)
    last_sequence          BIGINT      NOT NULL
);

CREATE INDEX subscriptions_active_idx ON read.subscriptions (status) WHERE status = 'active';
-- The entitlement caches' incremental refresh (every 500 ms on every instance of both apps).
CREATE INDEX subscriptions_updated_at_idx ON read.subscriptions (updated_at);

GRANT SELECT ON read.subscriptions TO ge_analyst;
