package com.gemetrics.api.price;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * A fact that one poll of {@code /latest} found these items' prices changed since the
 * previous poll. Only changed items are carried; an unchanged poll emits no event.
 *
 * @param observedAt when the poll was answered
 * @param prices the items whose quote changed
 */
@Revision("1")
public record LatestPricesObservedEvent(Instant observedAt, List<PriceQuote> prices) {

	public LatestPricesObservedEvent {
		prices = List.copyOf(prices);
	}

}
