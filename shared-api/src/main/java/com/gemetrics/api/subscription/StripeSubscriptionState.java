package com.gemetrics.api.subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * A Stripe subscription as the Stripe API answered it when asked, at {@code observedAt}:
 * what the inbox processor hands the subscription aggregate, which compares it with what
 * it knows and records only the differences. No card or personal data.
 *
 * @param stripeSubscriptionId the Stripe subscription ({@code sub_...})
 * @param stripeCustomerId its customer ({@code cus_...})
 * @param stripePriceId the price of its item
 * @param plan the plan that price stands for
 * @param status its status
 * @param currentPeriodEnd the end of its current period (null if Stripe gave none)
 * @param cancelAtPeriodEnd whether it is set to end at the period end
 * @param cancelAt when it is set to end (null: not set)
 * @param endedAt when it ended (null: it has not)
 * @param created when Stripe created it: of two subscriptions, the newer one is followed
 * @param observedAt when the API answered (the server's clock)
 */
public record StripeSubscriptionState(String stripeSubscriptionId, String stripeCustomerId, String stripePriceId,
		Plan plan, SubscriptionStatus status, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, Instant cancelAt,
		Instant endedAt, Instant created, Instant observedAt) {

	public StripeSubscriptionState {
		Objects.requireNonNull(stripeSubscriptionId, "stripeSubscriptionId");
		Objects.requireNonNull(stripeCustomerId, "stripeCustomerId");
		Objects.requireNonNull(stripePriceId, "stripePriceId");
		Objects.requireNonNull(plan, "plan");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(created, "created");
		Objects.requireNonNull(observedAt, "observedAt");
		if (status == SubscriptionStatus.NONE) {
			throw new IllegalArgumentException("a Stripe subscription always has a Stripe status");
		}
	}

	/**
	 * Whether it is set to end: at the period end, or at a set time (the billing portal
	 * may do either).
	 */
	public boolean cancellationScheduled() {
		return this.cancelAtPeriodEnd || this.cancelAt != null;
	}

	/** When it is set to end: {@link #cancelAt}, else the period end. */
	public Instant scheduledEnd() {
		return (this.cancelAt != null) ? this.cancelAt : this.currentPeriodEnd;
	}

}
