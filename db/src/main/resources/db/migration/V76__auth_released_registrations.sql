-- Unverified registrations give way (issue 8, ADR 0013). A newer registration of an address whose
-- account is unverified supersedes that account, and an account left unverified past
-- GE_AUTH_UNVERIFIED_ACCOUNT_TTL expires. Either way the account is released: it keeps its row (its
-- events and credential still point at it), but gives up the unique e-mail key, so the address is
-- free, and released_at says since when. NULL keys do not collide under UNIQUE.
ALTER TABLE auth.account ALTER COLUMN email_key DROP NOT NULL;
ALTER TABLE auth.account ADD COLUMN released_at TIMESTAMPTZ;

-- The expiry sweep: unverified accounts still holding an address, oldest first.
CREATE INDEX account_unverified_registered_at ON auth.account (registered_at)
    WHERE NOT email_verified AND email_key IS NOT NULL;

-- Roles come with a verified address: the base role at verification, any other only after it.
-- Unverified accounts and their live sessions held the base role until now; take it back (the
-- User aggregate, replayed, agrees: it adds USER on EmailVerifiedEvent).
UPDATE auth.account SET roles = '{}' WHERE NOT email_verified;
UPDATE auth.session SET roles = '{}'
    WHERE revoked_at IS NULL
      AND user_id IN (SELECT user_id FROM auth.account WHERE NOT email_verified);
