package com.gemetrics.query.subscriptions;

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
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Puts every event of one subscription in one sequence, keyed by the payload's
 * subscription id (a string, so a parked sequence keeps its key across restarts, ADR
 * 0016), whether or not the event came from the aggregate. Anything else is sequenced per
 * aggregate, as by default. Named by
 * {@code axon.eventhandling.processors.subscriptions.sequencing-policy}.
 */
class SubscriptionSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

	@Override
	public Object getSequenceIdentifierFor(EventMessage<?> event) {
		SubscriptionId id = subscriptionId(event.getPayload());
		return (id != null) ? id.toString() : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
	}

	private static SubscriptionId subscriptionId(Object payload) {
		if (payload instanceof SubscriptionCheckoutStartedEvent e) {
			return e.subscriptionId();
		}
		if (payload instanceof SubscriptionActivatedEvent e) {
			return e.subscriptionId();
		}
		if (payload instanceof SubscriptionChangedEvent e) {
			return e.subscriptionId();
		}
		if (payload instanceof SubscriptionRenewedEvent e) {
			return e.subscriptionId();
		}
		if (payload instanceof SubscriptionPaymentFailedEvent e) {
			return e.subscriptionId();
		}
		if (payload instanceof SubscriptionCancellationScheduledEvent e) {
			return e.subscriptionId();
		}
		if (payload instanceof SubscriptionCancellationWithdrawnEvent e) {
			return e.subscriptionId();
		}
		if (payload instanceof SubscriptionCanceledEvent e) {
			return e.subscriptionId();
		}
		if (payload instanceof SubscriptionExpiredEvent e) {
			return e.subscriptionId();
		}
		return null;
	}

}
