package com.gemetrics.platform.protection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.lettuce.core.RedisConnectionException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-instance fallback, with Redis refusing connections and time moved by hand. */
class RateLimiterTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicInteger connectAttempts = new AtomicInteger();

	private final ProtectionProperties.RateLimit settings = settings(2);

	private final RateLimiter limiter = new RateLimiter(() -> {
		this.connectAttempts.incrementAndGet();
		throw new RedisConnectionException("Connection refused");
	}, this.settings, "ge-test:", this.clock, this.registry);

	@Test
	void keepsLimitingPerInstanceWhileRedisIsUnreachable() {
		RateLimitRule rule = this.limiter.rule("api", 6);

		List<Boolean> allowed = IntStream.range(0, 4)
			.mapToObj((i) -> this.limiter.tryConsume(rule, "198.51.100.1").allowed())
			.toList();
		RateLimitDecision refused = this.limiter.tryConsume(rule, "198.51.100.1");

		assertThat(allowed).containsExactly(true, true, true, false);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.limit()).isEqualTo(3);
		assertThat(refused.retryAfterSeconds()).isEqualTo(20);
		assertThat(this.limiter.tryConsume(rule, "198.51.100.2").allowed()).isTrue();
		assertThat(this.registry.get("ge.ratelimit.fallback").counter().count()).isEqualTo(6);
		assertThat(this.registry.get("ge.ratelimit.fallback.active").gauge().value()).isEqualTo(1);
	}

	@Test
	void givesTokensBackAsTheClockMoves() {
		RateLimitRule rule = this.limiter.rule("auth", 2);
		assertThat(this.limiter.tryConsume(rule, "198.51.100.1").allowed()).isTrue();
		assertThat(this.limiter.tryConsume(rule, "198.51.100.1").allowed()).isFalse();

		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.limiter.tryConsume(rule, "198.51.100.1").allowed()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.limiter.tryConsume(rule, "198.51.100.1").allowed()).isTrue();
	}

	@Test
	void asksRedisAgainOnlyAfterTheRetryInterval() {
		RateLimitRule rule = this.limiter.rule("api", 60);
		this.limiter.tryConsume(rule, "198.51.100.1");
		this.limiter.tryConsume(rule, "198.51.100.1");
		assertThat(this.connectAttempts).hasValue(1);

		this.clock.advance(Duration.ofSeconds(5));
		this.limiter.tryConsume(rule, "198.51.100.1");
		assertThat(this.connectAttempts).hasValue(2);
	}

	@Test
	void reportsDegradedHealthWithoutFailingTheApp() {
		RateLimiterHealthIndicator health = new RateLimiterHealthIndicator(this.limiter, this.settings);
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);

		this.limiter.tryConsume(this.limiter.rule("api", 60), "198.51.100.1");
		Health degraded = health.health();

		assertThat(degraded.getStatus().getCode()).isEqualTo("DEGRADED");
		assertThat(degraded.getDetails()).containsEntry("mode", "fallback")
			.containsEntry("reason", "RedisConnectionException")
			.containsEntry("fallbackDecisions", 1L);
	}

	static ProtectionProperties.RateLimit settings(int fallbackInstances) {
		return new ProtectionProperties.RateLimit(true, Duration.ofMinutes(1), 60, 10, 30, 5, List.of("/api/v1/me"),
				List.of("/api/v1/*/imports"), Duration.ofMillis(250), Duration.ofSeconds(5), fallbackInstances, 1000,
				0.05, Duration.ofSeconds(1));
	}

}
