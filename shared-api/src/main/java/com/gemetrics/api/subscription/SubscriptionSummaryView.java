package com.gemetrics.api.subscription;

import java.time.Instant;

/**
 * One user's subscription as admins and auditors see it: the projection's row. No card
 * data and no e-mail address.
 *
 * @param userId the user
 * @param subscriptionId the subscription aggregate
 * @param plan the plan
 * @param status Stripe's status, lower case
 * @param stripeSubscriptionId the Stripe subscription (null before one exists)
 * @param stripeCustomerId the Stripe customer
 * @param currentPeriodEnd when the paid period ends
 * @param cancelAtPeriodEnd whether it is set to end then
 * @param pastDueSince when it became {@code past_due} (null unless it is)
 * @param premium whether premium is in force now ({@link Entitlements#premiumInForce})
 * @param updatedAt when the projection last wrote it
 */
public record SubscriptionSummaryView(String userId, String subscriptionId, Plan plan, String status,
		String stripeSubscriptionId, String stripeCustomerId, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
		Instant pastDueSince, boolean premium, Instant updatedAt) {
}
