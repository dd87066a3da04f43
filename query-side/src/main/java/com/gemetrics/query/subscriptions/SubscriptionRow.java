package com.gemetrics.query.subscriptions;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionActivatedEvent;
import com.gemetrics.api.subscription.SubscriptionCanceledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationScheduledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationWithdrawnEvent;
import com.gemetrics.api.subscription.SubscriptionChangedEvent;
import com.gemetrics.api.subscription.SubscriptionCheckoutStartedEvent;
import com.gemetrics.api.subscription.SubscriptionExpiredEvent;
import com.gemetrics.api.subscription.SubscriptionPaymentFailedEvent;
import com.gemetrics.api.subscription.SubscriptionRenewedEvent;
import com.gemetrics.api.subscription.SubscriptionState;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.subscription.SubscriptionView;

/**
 * One user's row of {@code read.subscriptions}, and what each Subscription event makes of
 * it (pure: the projection reads the row, asks one of these, and writes the answer). The
 * rules themselves are {@link SubscriptionState}'s (shared with the auditors' rebuilt
 * state); the row adds what the projection keeps besides: the user, the aggregate, the
 * last sequence applied and when it was written.
 *
 * @param userId the user
 * @param subscriptionId the subscription aggregate
 * @param plan the plan
 * @param status the status
 * @param stripeSubscriptionId the Stripe subscription, once there is one
 * @param stripeCustomerId the Stripe customer
 * @param currentPeriodEnd the end of the paid period
 * @param cancelAtPeriodEnd whether it ends then
 * @param pastDueSince when it turned {@code past_due}
 * @param updatedAt when the projection last wrote it (null before it is written)
 * @param lastSequence the aggregate sequence number of the last event applied (-1: none)
 */
record SubscriptionRow(UUID userId, String subscriptionId, Plan plan, SubscriptionStatus status,
		String stripeSubscriptionId, String stripeCustomerId, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
		Instant pastDueSince, Instant updatedAt, long lastSequence) {

	SubscriptionRow {
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(subscriptionId, "subscriptionId");
		Objects.requireNonNull(plan, "plan");
		Objects.requireNonNull(status, "status");
	}

	/** The row of a user whose first event this is: the free plan, no subscription. */
	static SubscriptionRow none(UUID userId, String subscriptionId) {
		return new SubscriptionRow(userId, subscriptionId, Plan.FREE, SubscriptionStatus.NONE, null, null, null, false,
				null, null, -1);
	}

	SubscriptionRow on(SubscriptionCheckoutStartedEvent event) {
		return with(state().on(event));
	}

	SubscriptionRow on(SubscriptionActivatedEvent event) {
		return with(state().on(event));
	}

	SubscriptionRow on(SubscriptionChangedEvent event) {
		return with(state().on(event));
	}

	SubscriptionRow on(SubscriptionRenewedEvent event) {
		return with(state().on(event));
	}

	SubscriptionRow on(SubscriptionPaymentFailedEvent event) {
		return with(state().on(event));
	}

	SubscriptionRow on(SubscriptionCancellationScheduledEvent event) {
		return with(state().on(event));
	}

	SubscriptionRow on(SubscriptionCancellationWithdrawnEvent event) {
		return with(state().on(event));
	}

	SubscriptionRow on(SubscriptionCanceledEvent event) {
		return with(state().on(event));
	}

	SubscriptionRow on(SubscriptionExpiredEvent event) {
		return with(state().on(event));
	}

	/** The row after an event of aggregate {@code subscriptionId} at {@code sequence}. */
	SubscriptionRow applied(String subscriptionId, long sequence) {
		return new SubscriptionRow(this.userId, subscriptionId, this.plan, this.status, this.stripeSubscriptionId,
				this.stripeCustomerId, this.currentPeriodEnd, this.cancelAtPeriodEnd, this.pastDueSince, this.updatedAt,
				sequence);
	}

	/**
	 * Whether the event of aggregate {@code subscriptionId} at {@code sequence} was
	 * applied to this row already.
	 */
	boolean hasApplied(String subscriptionId, long sequence) {
		return this.subscriptionId.equals(subscriptionId) && sequence <= this.lastSequence;
	}

	boolean premiumInForce(Instant now) {
		return state().premiumInForce(now);
	}

	SubscriptionView view(Instant now) {
		return state().view(now);
	}

	/** The subscription's own state, without the projection's bookkeeping. */
	SubscriptionState state() {
		return new SubscriptionState(this.plan, this.status, this.stripeSubscriptionId, this.stripeCustomerId,
				this.currentPeriodEnd, this.cancelAtPeriodEnd, this.pastDueSince);
	}

	private SubscriptionRow with(SubscriptionState state) {
		if (state.equals(state())) {
			return this;
		}
		return new SubscriptionRow(this.userId, this.subscriptionId, state.plan(), state.status(),
				state.stripeSubscriptionId(), state.stripeCustomerId(), state.currentPeriodEnd(),
				state.cancelAtPeriodEnd(), state.pastDueSince(), this.updatedAt, this.lastSequence);
	}

}
