package com.gemetrics.command.price;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.gemetrics.api.price.PriceFeed;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the market-data feed ({@code osrs}): DOWN when the last good {@code /latest}
 * poll (by any instance, from {@code market.poll_status}) is older than
 * {@code ge.poller.stale-after} ({@link PriceFeed#isStale}, the rule both apps share), or
 * when this instance's circuit breaker is open; UNKNOWN before any good poll during the
 * startup grace, DOWN after it.
 */
@Component("osrs")
class OsrsHealthIndicator implements HealthIndicator {

	private final PollStatusRepository status;

	private final OsrsClient client;

	private final PollerProperties properties;

	private final Clock clock;

	private final Instant startedAt;

	OsrsHealthIndicator(PollStatusRepository status, OsrsClient client, PollerProperties properties, Clock clock) {
		this.status = status;
		this.client = client;
		this.properties = properties;
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	@Override
	public Health health() {
		Instant now = this.clock.instant();
		CircuitBreaker.State circuit = this.client.circuitState();
		Optional<PollStatus> latest = this.status.find(PollEndpoint.LATEST);
		Instant lastSuccess = latest.map(PollStatus::lastSuccessAt).orElse(null);
		Health.Builder health = decide(now, circuit, lastSuccess);
		health.withDetail("circuitBreaker", circuit.name()).withDetail("staleAfter", this.properties.staleAfter());
		if (lastSuccess != null) {
			health.withDetail("lastSuccessAt", lastSuccess)
				.withDetail("ageSeconds", Duration.between(lastSuccess, now).toSeconds());
		}
		latest.ifPresent((row) -> {
			health.withDetail("consecutiveFailures", row.consecutiveFailures());
			if (row.lastFailureAt() != null) {
				health.withDetail("lastFailureAt", row.lastFailureAt()).withDetail("lastError", row.lastError());
			}
		});
		return health.build();
	}

	private Health.Builder decide(Instant now, CircuitBreaker.State circuit, Instant lastSuccess) {
		if (circuit == CircuitBreaker.State.OPEN || circuit == CircuitBreaker.State.FORCED_OPEN) {
			return Health.down().withDetail("reason", "circuit breaker open");
		}
		if (lastSuccess == null) {
			if (now.isBefore(this.startedAt.plus(this.properties.startupGrace()))) {
				return Health.unknown().withDetail("reason", "no good /latest poll yet (startup grace)");
			}
			return Health.down().withDetail("reason", "no good /latest poll");
		}
		if (PriceFeed.isStale(lastSuccess, now, this.properties.staleAfter())) {
			return Health.down().withDetail("reason", "last good /latest poll is stale");
		}
		return Health.up();
	}

}
