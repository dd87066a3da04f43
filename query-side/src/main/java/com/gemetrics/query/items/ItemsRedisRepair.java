package com.gemetrics.query.items;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the Redis items views from {@code read.item_summary} when the list is missing
 * (Redis flushed, restarted empty, evicted) or was built from another version of the
 * table (a write that failed, Redis restarted from an old dump). Runs every
 * {@code ge.items.repair-interval} on every instance; concurrent repairs write identical
 * data, and a projection's write made meanwhile wins.
 */
@Component
class ItemsRedisRepair {

	private static final Logger log = LoggerFactory.getLogger(ItemsRedisRepair.class);

	private final ItemsRedisStore redis;

	private final ItemSummaryRepository repository;

	private final ItemsCodec codec;

	private boolean failing;

	ItemsRedisRepair(ItemsRedisStore redis, ItemSummaryRepository repository, ItemsCodec codec) {
		this.redis = redis;
		this.repository = repository;
		this.codec = codec;
	}

	@Scheduled(fixedDelayString = "${ge.items.repair-interval:5s}",
			initialDelayString = "${ge.items.repair-interval:5s}")
	void repair() {
		try {
			String version = this.repository.version();
			if (this.redis.repair(version, () -> this.codec.canonical(this.repository.loadAll()))) {
				log.info("Rebuilt the Redis items views from Postgres (version {})", version);
			}
			this.failing = false;
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				log.warn("Cannot repair the Redis items views yet: {}", ex.toString());
				this.failing = true;
			}
		}
	}

}
