package com.gemetrics.platform.protection;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;

/**
 * One limit: {@code limit} requests per {@code period} for each subject (an IP or a user
 * id), a token bucket that refills evenly over the period. The fallback bucket, used
 * while Redis is unreachable, allows {@code limit ÷ fallbackInstances} (at least 1) on
 * this instance alone. An instance takes up to {@code ⌊limit × syncTolerance⌋} tokens
 * from its own copy of the shared bucket before it reports them to Redis.
 */
final class RateLimitRule {

	private final String name;

	private final long limit;

	private final BucketConfiguration shared;

	private final long localLimit;

	private final long unsynchronizedTokens;

	RateLimitRule(String name, long limit, Duration period, int fallbackInstances, double syncTolerance) {
		this.name = name;
		this.limit = limit;
		this.shared = BucketConfiguration.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(limit).refillGreedy(limit, period))
			.build();
		this.localLimit = Math.max(1, limit / fallbackInstances);
		this.unsynchronizedTokens = (long) Math.floor(limit * syncTolerance);
	}

	String name() {
		return this.name;
	}

	long limit() {
		return this.limit;
	}

	BucketConfiguration shared() {
		return this.shared;
	}

	long localLimit() {
		return this.localLimit;
	}

	/**
	 * Tokens an instance may take from its copy of the shared bucket before it reports
	 * them to Redis; 0: every token is taken in Redis.
	 */
	long unsynchronizedTokens() {
		return this.unsynchronizedTokens;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
