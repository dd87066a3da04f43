package com.gemetrics.platform.protection;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health {@code rateLimiter}: UP while the limits are shared through Redis;
 * {@code DEGRADED} while the per-instance fallback decides (Redis unreachable). DEGRADED
 * is not in the status order, so it never changes the aggregate status: the app still
 * limits, and the {@code redis} indicator already fails the deep check when Redis is down
 * (ADR 0009).
 */
class RateLimiterHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "Redis unreachable: limits are per instance");

	private final RateLimiter limiter;

	private final ProtectionProperties.RateLimit settings;

	RateLimiterHealthIndicator(RateLimiter limiter, ProtectionProperties.RateLimit settings) {
		this.limiter = limiter;
		this.settings = settings;
	}

	@Override
	public Health health() {
		if (!this.settings.enabled()) {
			return Health.up().withDetail("mode", "disabled").build();
		}
		RateLimiter.FallbackState fallback = this.limiter.fallback();
		if (fallback == null) {
			return Health.up()
				.withDetail("mode", "redis")
				.withDetail("fallbackDecisions", this.limiter.fallbackDecisions())
				.build();
		}
		return Health.status(DEGRADED)
			.withDetail("mode", "fallback")
			.withDetail("since", fallback.since().toString())
			.withDetail("reason", fallback.reason())
			.withDetail("fallbackInstances", this.settings.fallbackInstances())
			.withDetail("fallbackDecisions", this.limiter.fallbackDecisions())
			.build();
	}

}
