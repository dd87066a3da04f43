package com.gemetrics.query.subscriptions;

import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionActivatedEvent;
import com.gemetrics.api.subscription.SubscriptionCanceledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationScheduledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationWithdrawnEvent;
import com.gemetrics.api.subscription.SubscriptionChangedEvent;
import com.gemetrics.api.subscription.SubscriptionCheckoutStartedEvent;
import com.gemetrics.api.subscription.SubscriptionExpiredEvent;
import com.gemetrics.api.subscription.SubscriptionId;
import com.gemetrics.api.subscription.SubscriptionPaymentFailedEvent;
import com.gemetrics.api.subscription.SubscriptionRenewedEvent;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.user.UserId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Writes one user's subscription events as the Subscription aggregate would: in order,
 * with sequence numbers from 0, through the event store (so the tracking processor reads
 * them from PostgreSQL). Times are one minute apart from {@link #T0}.
 */
final class SubscriptionEvents {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	static final Instant PERIOD_END = Instant.parse("2027-01-01T10:00:00Z");

	static final Instant NEXT_PERIOD_END = Instant.parse("2027-02-01T10:00:00Z");

	final UserId user = new UserId(UUID.randomUUID());

	final SubscriptionId subscription = SubscriptionId.random();

	final String customer = "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);

	final String stripeSubscription = "sub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);

	private final EventStore store;

	private long sequence = -1;

	SubscriptionEvents(EventStore store) {
		this.store = store;
	}

	/** The sequence number of the last event written, -1 before the first. */
	long sequence() {
		return this.sequence;
	}

	DomainEventMessage<?> message(long sequenceNumber, Object payload) {
		return new GenericDomainEventMessage<>("Subscription", this.subscription.toString(), sequenceNumber, payload);
	}

	SubscriptionEvents publish(Object payload) {
		this.sequence++;
		this.store.publish(message(this.sequence, payload));
		return this;
	}

	SubscriptionCheckoutStartedEvent checkoutStartedEvent(Plan plan) {
		return new SubscriptionCheckoutStartedEvent(this.subscription, this.user, plan, "price_" + plan, this.customer,
				"cs_" + UUID.randomUUID(), at());
	}

	SubscriptionEvents checkoutStarted(Plan plan) {
		return publish(checkoutStartedEvent(plan));
	}

	SubscriptionActivatedEvent activatedEvent(Plan plan, SubscriptionStatus status) {
		return new SubscriptionActivatedEvent(this.subscription, this.user, plan, this.stripeSubscription,
				this.customer, "price_" + plan, status, PERIOD_END, false, at());
	}

	SubscriptionEvents activated(Plan plan, SubscriptionStatus status) {
		return publish(activatedEvent(plan, status));
	}

	SubscriptionEvents changed(Plan plan, SubscriptionStatus status, Instant periodEnd) {
		return publish(new SubscriptionChangedEvent(this.subscription, this.user, this.stripeSubscription, plan,
				"price_" + plan, status, periodEnd, at()));
	}

	SubscriptionEvents renewed(Instant periodEnd) {
		return publish(new SubscriptionRenewedEvent(this.subscription, this.user, this.stripeSubscription,
				"in_" + UUID.randomUUID(), "subscription_cycle", 499, "usd", periodEnd, at()));
	}

	SubscriptionEvents paymentFailed() {
		return publish(new SubscriptionPaymentFailedEvent(this.subscription, this.user, this.stripeSubscription,
				"in_" + UUID.randomUUID(), 499, "usd", 1, at().plusSeconds(3 * 86_400), at()));
	}

	SubscriptionEvents cancellationScheduled() {
		return publish(new SubscriptionCancellationScheduledEvent(this.subscription, this.user, this.stripeSubscription,
				PERIOD_END, at()));
	}

	SubscriptionEvents cancellationWithdrawn() {
		return publish(new SubscriptionCancellationWithdrawnEvent(this.subscription, this.user, this.stripeSubscription,
				at()));
	}

	SubscriptionEvents canceled() {
		return publish(
				new SubscriptionCanceledEvent(this.subscription, this.user, this.stripeSubscription, at(), at()));
	}

	SubscriptionEvents expired(String stripeSubscriptionId, SubscriptionStatus status) {
		return publish(new SubscriptionExpiredEvent(this.subscription, this.user, stripeSubscriptionId, status, at()));
	}

	/** The time of the next event: one minute per event after {@link #T0}. */
	Instant at() {
		return T0.plusSeconds(60 * (this.sequence + 1));
	}

}
