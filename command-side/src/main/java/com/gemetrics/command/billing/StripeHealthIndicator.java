package com.gemetrics.command.billing;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of Stripe ({@code stripe}, part of {@code /health/deep}): asks for the monthly
 * price ({@code GET /v1/prices/{id}}), which shows that Stripe answers, that the key is
 * good and that the price exists, and reuses the answer for
 * {@code ge.stripe.health-cache-for} so that health checks never hammer Stripe. DOWN when
 * the call fails (503 on {@code /health/deep}); UNKNOWN while billing is off
 * ({@code GE_STRIPE_ENABLED=false}, or the {@code dev} profile without the settings),
 * which keeps the deep check's overall status.
 */
@Component("stripe")
class StripeHealthIndicator implements HealthIndicator {

	private final StripeGateway stripe;

	private final StripeProperties properties;

	private final Clock clock;

	private Health cached;

	private Instant cachedAt;

	StripeHealthIndicator(StripeGateway stripe, StripeProperties properties, Clock clock) {
		this.stripe = stripe;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public synchronized Health health() {
		if (!this.stripe.mode().on()) {
			return Health.unknown().withDetail("reason", "billing is off: " + this.stripe.mode().reason()).build();
		}
		Instant now = this.clock.instant();
		if (this.cached == null || !now.isBefore(this.cachedAt.plus(this.properties.healthCacheFor()))) {
			this.cached = check(now);
			this.cachedAt = now;
		}
		return this.cached;
	}

	private Health check(Instant now) {
		try {
			this.stripe.checkPrice();
			return Health.up().withDetail("checkedAt", now).build();
		}
		catch (StripeCallFailed | BillingUnavailable ex) {
			return Health.down().withDetail("checkedAt", now).withDetail("reason", ex.getMessage()).build();
		}
	}

}
