package com.gemetrics.query.items;

import java.time.Clock;
import java.time.Instant;

import com.gemetrics.api.price.PriceFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Whether prices are stale: the last good {@code /latest} poll (written by the
 * command-side poller into {@code market.poll_status}) is older than
 * {@code ge.items.stale-after}, or there was none ({@link PriceFeed#isStale}, the rule
 * both apps share). The poll time is read at most once per
 * {@code ge.items.staleness-cache-ttl}; while Postgres cannot be read, the last known
 * time is kept.
 */
@Component
class ItemsStaleness {

	private static final Logger log = LoggerFactory.getLogger(ItemsStaleness.class);

	private final ItemSummaryRepository repository;

	private final ItemsProperties properties;

	private final Clock clock;

	private volatile Instant lastGoodPoll;

	private volatile Instant readAt;

	ItemsStaleness(ItemSummaryRepository repository, ItemsProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	boolean isStale() {
		Instant now = this.clock.instant();
		if (this.readAt == null || !now.isBefore(this.readAt.plus(this.properties.stalenessCacheTtl()))) {
			try {
				this.lastGoodPoll = this.repository.lastGoodLatestPoll();
				this.readAt = now;
			}
			catch (DataAccessException ex) {
				log.warn("Cannot read the last good price poll, keeping {}: {}", this.lastGoodPoll, ex.getMessage());
			}
		}
		return PriceFeed.isStale(this.lastGoodPoll, now, this.properties.staleAfter());
	}

}
