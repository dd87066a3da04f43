package com.gemetrics.platform.protection;

import java.util.concurrent.TimeUnit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * The answer of one bucket to one request.
 *
 * @param rule the limit asked
 * @param allowed whether the request may go on
 * @param limit the requests the rule allows per period (on this instance, when decided by
 * the fallback)
 * @param remaining requests left now
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds when refused, seconds until one request is allowed again; else
 * 0
 */
record RateLimitDecision(RateLimitRule rule, boolean allowed, long limit, long remaining, long resetSeconds,
		long retryAfterSeconds) {

	static RateLimitDecision of(RateLimitRule rule, long limit, ConsumptionProbe probe) {
		long reset = seconds(probe.getNanosToWaitForReset());
		if (probe.isConsumed()) {
			return new RateLimitDecision(rule, true, limit, probe.getRemainingTokens(), reset, 0);
		}
		return new RateLimitDecision(rule, false, limit, 0, reset,
				Math.max(1, seconds(probe.getNanosToWaitForRefill())));
	}

	private static long seconds(long nanos) {
		return (nanos <= 0) ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
	}

}
