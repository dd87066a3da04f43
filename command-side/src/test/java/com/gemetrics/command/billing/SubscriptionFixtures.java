package com.gemetrics.command.billing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.StripeSubscriptionState;
import com.gemetrics.api.subscription.SubscriptionActivatedEvent;
import com.gemetrics.api.subscription.SubscriptionId;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.subscription.SyncSubscriptionCommand;
import com.gemetrics.api.user.UserId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Shared builders for the subscription tests. */
final class SubscriptionFixtures {

	static final SubscriptionId SUBSCRIPTION = new SubscriptionId(
			UUID.fromString("5b0c6c2e-4b7e-4d8a-9a53-0c1f0e6a1d01"));

	static final UserId OWNER = new UserId(UUID.fromString("0f3d2b8e-0c59-4a49-8d1e-7a0f3c7e5b11"));

	static final UserId STRANGER = new UserId(UUID.fromString("9a1c4d7e-2f3b-4c5d-8e9f-0a1b2c3d4e5f"));

	static final String CUSTOMER = "cus_Owner";

	static final String MONTHLY = "price_monthly";

	static final String YEARLY = "price_yearly";

	static final String SUB = "sub_First";

	static final String NEWER_SUB = "sub_Second";

	static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");

	static final Instant OBSERVED = Instant.parse("2026-12-01T10:00:05Z");

	static final Instant PERIOD_END = Instant.parse("2027-01-01T10:00:00Z");

	private SubscriptionFixtures() {
	}

	/**
	 * An active monthly {@link #SUB}, created at {@link #CREATED}, seen at
	 * {@link #OBSERVED}.
	 */
	static Stripe stripe() {
		return new Stripe(SUB, CUSTOMER, MONTHLY, Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE, PERIOD_END, false,
				null, null, CREATED, OBSERVED);
	}

	static SyncSubscriptionCommand sync(Stripe stripe) {
		return new SyncSubscriptionCommand(SUBSCRIPTION, OWNER, stripe.state());
	}

	/** What the first report of {@code stripe} records, with its meta-data. */
	static EventMessage<?> activated(Stripe stripe) {
		StripeSubscriptionState state = stripe.state();
		return GenericEventMessage
			.asEventMessage(new SubscriptionActivatedEvent(SUBSCRIPTION, OWNER, state.plan(),
					state.stripeSubscriptionId(), state.stripeCustomerId(), state.stripePriceId(), state.status(),
					state.currentPeriodEnd(), state.cancellationScheduled(), state.observedAt()))
			.andMetaData(Map.of(Subscription.STRIPE_CREATED, state.created().toString()));
	}

	static Matcher<SubscriptionRejected> rejectedWith(SubscriptionError error) {
		return new TypeSafeMatcher<>() {

			@Override
			protected boolean matchesSafely(SubscriptionRejected rejected) {
				return rejected.error() == error && rejected.code().equals(error.name());
			}

			@Override
			public void describeTo(Description description) {
				description.appendText("SubscriptionRejected(" + error + ")");
			}

		};
	}

	/** A Stripe subscription as fetched, changed one field at a time. */
	record Stripe(String id, String customer, String price, Plan plan, SubscriptionStatus status, Instant periodEnd,
			boolean cancelAtPeriodEnd, Instant cancelAt, Instant endedAt, Instant created, Instant observedAt) {

		StripeSubscriptionState state() {
			return new StripeSubscriptionState(this.id, this.customer, this.price, this.plan, this.status,
					this.periodEnd, this.cancelAtPeriodEnd, this.cancelAt, this.endedAt, this.created, this.observedAt);
		}

		Stripe id(String id) {
			return new Stripe(id, this.customer, this.price, this.plan, this.status, this.periodEnd,
					this.cancelAtPeriodEnd, this.cancelAt, this.endedAt, this.created, this.observedAt);
		}

		Stripe yearly() {
			return new Stripe(this.id, this.customer, YEARLY, Plan.PREMIUM_YEARLY, this.status, this.periodEnd,
					this.cancelAtPeriodEnd, this.cancelAt, this.endedAt, this.created, this.observedAt);
		}

		Stripe status(SubscriptionStatus status) {
			return new Stripe(this.id, this.customer, this.price, this.plan, status, this.periodEnd,
					this.cancelAtPeriodEnd, this.cancelAt, this.endedAt, this.created, this.observedAt);
		}

		Stripe periodEnd(Instant periodEnd) {
			return new Stripe(this.id, this.customer, this.price, this.plan, this.status, periodEnd,
					this.cancelAtPeriodEnd, this.cancelAt, this.endedAt, this.created, this.observedAt);
		}

		Stripe cancelAtPeriodEnd(boolean cancelAtPeriodEnd) {
			return new Stripe(this.id, this.customer, this.price, this.plan, this.status, this.periodEnd,
					cancelAtPeriodEnd, this.cancelAt, this.endedAt, this.created, this.observedAt);
		}

		Stripe cancelAt(Instant cancelAt) {
			return new Stripe(this.id, this.customer, this.price, this.plan, this.status, this.periodEnd,
					this.cancelAtPeriodEnd, cancelAt, this.endedAt, this.created, this.observedAt);
		}

		Stripe endedAt(Instant endedAt) {
			return new Stripe(this.id, this.customer, this.price, this.plan, this.status, this.periodEnd,
					this.cancelAtPeriodEnd, this.cancelAt, endedAt, this.created, this.observedAt);
		}

		Stripe created(Instant created) {
			return new Stripe(this.id, this.customer, this.price, this.plan, this.status, this.periodEnd,
					this.cancelAtPeriodEnd, this.cancelAt, this.endedAt, created, this.observedAt);
		}

		/** Seen {@code seconds} after {@link #OBSERVED}. */
		Stripe seenLater(long seconds) {
			return new Stripe(this.id, this.customer, this.price, this.plan, this.status, this.periodEnd,
					this.cancelAtPeriodEnd, this.cancelAt, this.endedAt, this.created, OBSERVED.plusSeconds(seconds));
		}

	}

}
