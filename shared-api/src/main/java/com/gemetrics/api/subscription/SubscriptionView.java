package com.gemetrics.api.subscription;

import java.time.Instant;

/**
 * A user's subscription as they see it.
 *
 * @param plan the plan ({@link Plan#FREE} with no subscription, or once it ended)
 * @param status Stripe's status, lower case ({@code active}, {@code past_due}, ...;
 * {@code none} for a user who never subscribed)
 * @param currentPeriodEnd when the paid period ends (null when there is none)
 * @param cancelAtPeriodEnd whether the subscription is set to end then
 * @param entitlements what the user may do now ({@link Entitlements#of})
 */
public record SubscriptionView(Plan plan, String status, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
		Entitlements entitlements) {

	/** A user with no subscription. */
	public static final SubscriptionView NONE = new SubscriptionView(Plan.FREE, SubscriptionStatus.NONE.wire(), null,
			false, Entitlements.FREE);

}
