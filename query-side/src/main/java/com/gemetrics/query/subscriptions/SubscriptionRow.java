package com.gemetrics.query.subscriptions;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.gemetrics.api.subscription.Entitlements;
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
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.subscription.SubscriptionView;

/**
 * One user's row of {@code read.subscriptions}, and what each Subscription event makes of
 * it (pure: the projection reads the row, asks one of these, and writes the answer).
 * <p>
 * An event about another Stripe subscription than the row's (a late cancellation of the
 * subscription the user replaced, an abandoned second checkout that expired) leaves the
 * plan and status alone: the user's current subscription decides them.
 * {@code pastDueSince} is set when the status turns {@code past_due} and kept while it
 * stays so; any other status clears it.
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
		return new SubscriptionRow(this.userId, this.subscriptionId, this.plan, this.status, this.stripeSubscriptionId,
				orKept(event.stripeCustomerId(), this.stripeCustomerId), this.currentPeriodEnd, this.cancelAtPeriodEnd,
				this.pastDueSince, this.updatedAt, this.lastSequence);
	}

	SubscriptionRow on(SubscriptionActivatedEvent event) {
		return new SubscriptionRow(this.userId, this.subscriptionId, event.plan(), event.status(),
				event.stripeSubscriptionId(), orKept(event.stripeCustomerId(), this.stripeCustomerId),
				event.currentPeriodEnd(), event.cancelAtPeriodEnd(), pastDueSince(event.status(), event.activatedAt()),
				this.updatedAt, this.lastSequence);
	}

	SubscriptionRow on(SubscriptionChangedEvent event) {
		if (!current(event.stripeSubscriptionId())) {
			return this;
		}
		return new SubscriptionRow(this.userId, this.subscriptionId, event.plan(), event.status(),
				orKept(event.stripeSubscriptionId(), this.stripeSubscriptionId), this.stripeCustomerId,
				event.currentPeriodEnd(), this.cancelAtPeriodEnd, pastDueSince(event.status(), event.changedAt()),
				this.updatedAt, this.lastSequence);
	}

	SubscriptionRow on(SubscriptionRenewedEvent event) {
		if (!current(event.stripeSubscriptionId()) || event.periodEnd() == null) {
			return this;
		}
		// an old invoice paid late must not move the period back
		Instant periodEnd = (this.currentPeriodEnd == null || event.periodEnd().isAfter(this.currentPeriodEnd))
				? event.periodEnd() : this.currentPeriodEnd;
		return new SubscriptionRow(this.userId, this.subscriptionId, this.plan, this.status, this.stripeSubscriptionId,
				this.stripeCustomerId, periodEnd, this.cancelAtPeriodEnd, this.pastDueSince, this.updatedAt,
				this.lastSequence);
	}

	/**
	 * A failed payment is a fact for auditors; the status it leads to ({@code past_due})
	 * comes with the change Stripe reports next.
	 */
	SubscriptionRow on(SubscriptionPaymentFailedEvent event) {
		return this;
	}

	SubscriptionRow on(SubscriptionCancellationScheduledEvent event) {
		return current(event.stripeSubscriptionId()) ? cancelAtPeriodEnd(true) : this;
	}

	SubscriptionRow on(SubscriptionCancellationWithdrawnEvent event) {
		return current(event.stripeSubscriptionId()) ? cancelAtPeriodEnd(false) : this;
	}

	SubscriptionRow on(SubscriptionCanceledEvent event) {
		return current(event.stripeSubscriptionId()) ? ended(SubscriptionStatus.CANCELED) : this;
	}

	SubscriptionRow on(SubscriptionExpiredEvent event) {
		if (!current(event.stripeSubscriptionId())) {
			return this;
		}
		return ended((event.status() != null) ? event.status() : SubscriptionStatus.INCOMPLETE_EXPIRED);
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
		return Entitlements.premiumInForce(this.plan, this.status, this.pastDueSince, now);
	}

	SubscriptionView view(Instant now) {
		return new SubscriptionView(this.plan, this.status.wire(), this.currentPeriodEnd, this.cancelAtPeriodEnd,
				Entitlements.of(this.plan, this.status, this.pastDueSince, now));
	}

	/**
	 * Whether an event about this Stripe subscription ({@code null}: about a Checkout
	 * session only) concerns the user's current one.
	 */
	private boolean current(String eventStripeSubscriptionId) {
		return this.stripeSubscriptionId == null || this.stripeSubscriptionId.equals(eventStripeSubscriptionId);
	}

	private Instant pastDueSince(SubscriptionStatus next, Instant at) {
		if (next != SubscriptionStatus.PAST_DUE) {
			return null;
		}
		return (this.status == SubscriptionStatus.PAST_DUE && this.pastDueSince != null) ? this.pastDueSince : at;
	}

	private SubscriptionRow cancelAtPeriodEnd(boolean cancel) {
		return new SubscriptionRow(this.userId, this.subscriptionId, this.plan, this.status, this.stripeSubscriptionId,
				this.stripeCustomerId, this.currentPeriodEnd, cancel, this.pastDueSince, this.updatedAt,
				this.lastSequence);
	}

	private SubscriptionRow ended(SubscriptionStatus endStatus) {
		return new SubscriptionRow(this.userId, this.subscriptionId, Plan.FREE, endStatus, this.stripeSubscriptionId,
				this.stripeCustomerId, this.currentPeriodEnd, false, null, this.updatedAt, this.lastSequence);
	}

	private static String orKept(String value, String kept) {
		return (value != null) ? value : kept;
	}

}
