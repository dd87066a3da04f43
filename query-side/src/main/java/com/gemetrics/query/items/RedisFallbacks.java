package com.gemetrics.query.items;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts {@code ge.redis.fallbacks}: each time the items views could not use Redis, by
 * reason.
 */
@Component
class RedisFallbacks {

	static final String METRIC = "ge.redis.fallbacks";

	/** Reading the list found Redis unreachable; served from memory or Postgres. */
	static final String READ_FAILED = "read_failed";

	/** Reading the list found no list in Redis; served from memory or Postgres. */
	static final String READ_EMPTY = "read_empty";

	/** The projection could not write the views to Redis; the repair rewrites them. */
	static final String WRITE_FAILED = "write_failed";

	/** One item was read from Postgres because no snapshot and no Redis entry held it. */
	static final String ITEM_READ = "item_read";

	private final MeterRegistry registry;

	RedisFallbacks(MeterRegistry registry) {
		this.registry = registry;
		for (String reason : new String[] { READ_FAILED, READ_EMPTY, WRITE_FAILED, ITEM_READ }) {
			counter(reason);
		}
	}

	void count(String reason) {
		counter(reason).increment();
	}

	private Counter counter(String reason) {
		return Counter.builder(METRIC)
			.description("Times the items views could not use Redis and fell back")
			.tag("reason", reason)
			.register(this.registry);
	}

}
