package com.gemetrics.query.subscriptions;

import com.gemetrics.api.subscription.SubscriptionEvent;
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
		return (event.getPayload() instanceof SubscriptionEvent subscription) ? subscription.subscriptionId().toString()
				: SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
	}

}
