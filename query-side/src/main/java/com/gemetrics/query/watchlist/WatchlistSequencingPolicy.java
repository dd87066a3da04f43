package com.gemetrics.query.watchlist;

import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertDeliveryFailedEvent;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Puts every event of one watchlist in one sequence, keyed by the payload's watchlist id,
 * so that an alert's delivery is applied after the alert even when the events do not all
 * come from the watchlist aggregate. Anything else is sequenced per aggregate, as by
 * default. Named by {@code axon.eventhandling.processors.watchlist.sequencing-policy}.
 */
class WatchlistSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

	@Override
	public Object getSequenceIdentifierFor(EventMessage<?> event) {
		Object payload = event.getPayload();
		if (payload instanceof ItemWatchedEvent e) {
			return e.watchlistId().toString();
		}
		if (payload instanceof ItemUnwatchedEvent e) {
			return e.watchlistId().toString();
		}
		if (payload instanceof AlertRulePausedEvent e) {
			return e.watchlistId().toString();
		}
		if (payload instanceof AlertRuleResumedEvent e) {
			return e.watchlistId().toString();
		}
		if (payload instanceof AlertTriggeredEvent e) {
			return e.watchlistId().toString();
		}
		if (payload instanceof AlertDeliveredEvent e) {
			return e.watchlistId().toString();
		}
		if (payload instanceof AlertDeliveryFailedEvent e) {
			return e.watchlistId().toString();
		}
		return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
	}

}
