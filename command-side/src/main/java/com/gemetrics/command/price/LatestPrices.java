package com.gemetrics.command.price;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.gemetrics.command.axon.Actors;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import org.axonframework.eventhandling.gateway.EventGateway;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns one validated {@code /latest} answer into at most one
 * {@link LatestPricesObservedEvent} carrying only the items whose quote changed. The
 * state update and the event append share one transaction: both happen or neither.
 */
@Component
class LatestPrices {

	static final String LOCK = "ge.market.latest_price";

	/** The actor of the poller's events ({@code system:price-poller}). */
	static final String PRICE_POLLER = "price-poller";

	private final LatestPriceRepository repository;

	private final MarketLocks locks;

	private final EventGateway events;

	LatestPrices(LatestPriceRepository repository, MarketLocks locks, EventGateway events) {
		this.repository = repository;
		this.locks = locks;
		this.events = events;
	}

	@Transactional
	public Optional<LatestPricesObservedEvent> record(List<PriceQuote> observed, Instant observedAt) {
		this.locks.lockForTransaction(LOCK);
		Map<Integer, PriceQuote> current = this.repository.findAll();
		List<PriceQuote> changed = new ArrayList<>();
		for (PriceQuote quote : observed) {
			PriceQuote previous = current.get(quote.itemId());
			PriceQuote merged = merge(previous, quote);
			if (!merged.equals(previous)) {
				changed.add(merged);
			}
		}
		if (changed.isEmpty()) {
			return Optional.empty();
		}
		this.repository.upsert(changed);
		LatestPricesObservedEvent event = new LatestPricesObservedEvent(observedAt, changed);
		Actors.runAs(PRICE_POLLER, () -> this.events.publish(event));
		return Optional.of(event);
	}

	/**
	 * The quote to keep: each side takes the observed price only when there is one and it
	 * is not older than the one kept. A side the API left null, or that was dropped as
	 * invalid, never erases the last good price.
	 */
	static PriceQuote merge(PriceQuote previous, PriceQuote observed) {
		if (previous == null) {
			return observed;
		}
		boolean takeHigh = newer(previous.high(), previous.highTime(), observed.high(), observed.highTime());
		boolean takeLow = newer(previous.low(), previous.lowTime(), observed.low(), observed.lowTime());
		return new PriceQuote(previous.itemId(), takeHigh ? observed.high() : previous.high(),
				takeHigh ? observed.highTime() : previous.highTime(), takeLow ? observed.low() : previous.low(),
				takeLow ? observed.lowTime() : previous.lowTime());
	}

	private static boolean newer(Long keptPrice, Instant keptTime, Long observedPrice, Instant observedTime) {
		if (observedPrice == null) {
			return false;
		}
		if (keptPrice == null || keptTime == null) {
			return true;
		}
		return observedTime != null && !observedTime.isBefore(keptTime);
	}

}
