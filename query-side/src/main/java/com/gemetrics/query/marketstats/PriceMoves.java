package com.gemetrics.query.marketstats;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Tells the market-stats cache that prices moved, once per batch of events and only after
 * that batch committed (so whoever recomputes reads the new prices): called by the
 * handlers the items and price-history processors run beside their projections. A Redis
 * failure is logged: the cached overview then lives out its TTL.
 */
@Component
class PriceMoves {

	private static final Logger log = LoggerFactory.getLogger(PriceMoves.class);

	private static final String RESOURCE = PriceMoves.class.getName();

	private final MarketStatsCache cache;

	PriceMoves(MarketStatsCache cache) {
		this.cache = cache;
	}

	void moved() {
		if (!CurrentUnitOfWork.isStarted()) {
			invalidate();
			return;
		}
		var root = CurrentUnitOfWork.get().root();
		if (root.resources().putIfAbsent(RESOURCE, Boolean.TRUE) == null) {
			root.afterCommit((unitOfWork) -> invalidate());
		}
	}

	private void invalidate() {
		try {
			this.cache.invalidate();
		}
		catch (RuntimeException ex) {
			log.warn("Cannot mark the market stats stale in Redis: {}", ex.toString());
		}
	}

}
