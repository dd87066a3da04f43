package com.gemetrics.api.subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's subscription as its events leave it, and what each Subscription event makes of
 * it: pure, so the subscriptions projection ({@code read.subscriptions}) and the
 * auditors' rebuilt state ({@code GET /api/v1/audit/users/{id}/state}) apply the same
 * rules.
 * <p>
 * An event about another Stripe subscription than the current one (a late cancellation of
 * the subscription the user replaced, an abandoned second checkout that expired) leaves
 * the plan and status alone: the user's current subscription decides them.
 * {@code pastDueSince} is set when the status turns {@code past_due} and kept while it
 * stays so; any other status clears it.
 *
 * @param plan the plan
 * @param status the status
 * @param stripeSubscriptionId the Stripe subscription, once there is one
 * @param stripeCustomerId the Stripe customer
 * @param currentPeriodEnd the end of the paid period
 * @param cancelAtPeriodEnd whether it ends then
 * @param pastDueSince when it turned {@code past_due}
 */
public record SubscriptionState(Plan plan, SubscriptionStatus status, String stripeSubscriptionId,
		String stripeCustomerId, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, Instant pastDueSince) {

	/** A user who never subscribed: the free plan, status {@code none}. */
	public static final SubscriptionState NONE = new SubscriptionState(Plan.FREE, SubscriptionStatus.NONE, null, null,
			null, false, null);

	public SubscriptionState {
		Objects.requireNonNull(plan, "plan");
		Objects.requireNonNull(status, "status");
	}

	/** The state after any Subscription event. */
	public SubscriptionState on(SubscriptionEvent event) {
		if (event instanceof SubscriptionCheckoutStartedEvent checkout) {
			return on(checkout);
		}
		if (event instanceof SubscriptionActivatedEvent activated) {
			return on(activated);
		}
		if (event instanceof SubscriptionChangedEvent changed) {
			return on(changed);
		}
		if (event instanceof SubscriptionRenewedEvent renewed) {
			return on(renewed);
		}
		if (event instanceof SubscriptionPaymentFailedEvent failed) {
			return on(failed);
		}
		if (event instanceof SubscriptionCancellationScheduledEvent scheduled) {
			return on(scheduled);
		}
		if (event instanceof SubscriptionCancellationWithdrawnEvent withdrawn) {
			return on(withdrawn);
		}
		if (event instanceof SubscriptionCanceledEvent canceled) {
			return on(canceled);
		}
		return on((SubscriptionExpiredEvent) event);
	}

	public SubscriptionState on(SubscriptionCheckoutStartedEvent event) {
		return new SubscriptionState(this.plan, this.status, this.stripeSubscriptionId,
				orKept(event.stripeCustomerId(), this.stripeCustomerId), this.currentPeriodEnd, this.cancelAtPeriodEnd,
				this.pastDueSince);
	}

	public SubscriptionState on(SubscriptionActivatedEvent event) {
		return new SubscriptionState(event.plan(), event.status(), event.stripeSubscriptionId(),
				orKept(event.stripeCustomerId(), this.stripeCustomerId), event.currentPeriodEnd(),
				event.cancelAtPeriodEnd(), pastDueSince(event.status(), event.activatedAt()));
	}

	public SubscriptionState on(SubscriptionChangedEvent event) {
		if (!current(event.stripeSubscriptionId())) {
			return this;
		}
		return new SubscriptionState(event.plan(), event.status(),
				orKept(event.stripeSubscriptionId(), this.stripeSubscriptionId), this.stripeCustomerId,
				event.currentPeriodEnd(), this.cancelAtPeriodEnd, pastDueSince(event.status(), event.changedAt()));
	}

	public SubscriptionState on(SubscriptionRenewedEvent event) {
		if (!current(event.stripeSubscriptionId()) || event.periodEnd() == null) {
			return this;
		}
		// an old invoice paid late must not move the period back
		Instant periodEnd = (this.currentPeriodEnd == null || event.periodEnd().isAfter(this.currentPeriodEnd))
				? event.periodEnd() : this.currentPeriodEnd;
		return new SubscriptionState(this.plan, this.status, this.stripeSubscriptionId, this.stripeCustomerId,
				periodEnd, this.cancelAtPeriodEnd, this.pastDueSince);
	}

	/**
	 * A failed payment is a fact for auditors; the status it leads to ({@code past_due})
	 * comes with the change Stripe reports next.
	 */
	public SubscriptionState on(SubscriptionPaymentFailedEvent event) {
		return this;
	}

	public SubscriptionState on(SubscriptionCancellationScheduledEvent event) {
		return current(event.stripeSubscriptionId()) ? cancelAtPeriodEnd(true) : this;
	}

	public SubscriptionState on(SubscriptionCancellationWithdrawnEvent event) {
		return current(event.stripeSubscriptionId()) ? cancelAtPeriodEnd(false) : this;
	}

	public SubscriptionState on(SubscriptionCanceledEvent event) {
		return current(event.stripeSubscriptionId()) ? ended(SubscriptionStatus.CANCELED) : this;
	}

	public SubscriptionState on(SubscriptionExpiredEvent event) {
		if (!current(event.stripeSubscriptionId())) {
			return this;
		}
		return ended((event.status() != null) ? event.status() : SubscriptionStatus.INCOMPLETE_EXPIRED);
	}

	/**
	 * Whether premium is in force at {@code now} ({@link Entitlements#premiumInForce}).
	 */
	public boolean premiumInForce(Instant now) {
		return Entitlements.premiumInForce(this.plan, this.status, this.pastDueSince, now);
	}

	/** The subscription as its user sees it, entitlements judged at {@code now}. */
	public SubscriptionView view(Instant now) {
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

	private SubscriptionState cancelAtPeriodEnd(boolean cancel) {
		return new SubscriptionState(this.plan, this.status, this.stripeSubscriptionId, this.stripeCustomerId,
				this.currentPeriodEnd, cancel, this.pastDueSince);
	}

	private SubscriptionState ended(SubscriptionStatus endStatus) {
		return new SubscriptionState(Plan.FREE, endStatus, this.stripeSubscriptionId, this.stripeCustomerId,
				this.currentPeriodEnd, false, null);
	}

	private static String orKept(String value, String kept) {
		return (value != null) ? value : kept;
	}

}
