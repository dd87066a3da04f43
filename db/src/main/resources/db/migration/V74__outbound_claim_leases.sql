-- Outbound calls run outside database transactions (ADR 0015): a sender claims due rows in one
-- short transaction (FOR UPDATE SKIP LOCKED), calls out with no transaction open and no
-- connection held, then records the outcome in a second short transaction. The claim is a lease:
-- claimed_until is when another instance may claim the row again (its claimer died mid-call),
-- claim_id is the claim an outcome must match to be recorded (a claimer whose lease ran out and
-- was taken over records nothing). attempts now counts attempts started, so a row whose sends
-- keep killing the process still reaches its attempt limit. Delivery stays at-least-once: a
-- claimer that dies, or outlives its lease, after the far side accepted may have it sent again.
ALTER TABLE alerts.delivery
    ADD COLUMN claimed_until TIMESTAMPTZ,
    ADD COLUMN claim_id      UUID;

ALTER TABLE auth.mail_outbox
    ADD COLUMN claimed_until TIMESTAMPTZ,
    ADD COLUMN claim_id      UUID;
