package com.gemetrics.query.rollups;

import com.gemetrics.api.price.PriceHistoryImportedEvent;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the rollups processor (tracking, one segment, dead-letter queue: see
 * {@code axon.eventhandling.processors.rollups} in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class RollupsConfig {

	/**
	 * Referenced by name from {@code application.yml}: the dead-letter queue's sequences.
	 * Price polls share the fixed key {@code market-data} (as in the items and price
	 * history processors); an alert is keyed by its watchlist; a flip event by its flip
	 * (the aggregate). A poison event so parks only its own flip's, watchlist's or the
	 * polls' later events.
	 */
	@Bean
	SequencingPolicy<EventMessage<?>> rollupsSequencingPolicy() {
		return (event) -> {
			Object payload = event.getPayload();
			if (payload instanceof VolumeWindowObservedEvent || payload instanceof PriceHistoryImportedEvent) {
				return "market-data";
			}
			if (payload instanceof AlertTriggeredEvent alert) {
				return alert.watchlistId().toString();
			}
			return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
		};
	}

}
