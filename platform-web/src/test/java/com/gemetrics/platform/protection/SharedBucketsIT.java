package com.gemetrics.platform.protection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances' limiters on the real Redis, sharing one bucket per subject, each taking
 * up to {@code ⌊limit × sync-tolerance⌋} tokens from its own copy before reporting them.
 */
class SharedBucketsIT {

	static final String REDIS_URL = System.getenv().getOrDefault("GE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	final RedisClient redis = RedisClient.create(REDIS_URL);

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

	final String prefix = "ge-test-" + UUID.randomUUID() + ":";

	@AfterEach
	void close() {
		this.redis.shutdown();
	}

	@Test
	void oneInstanceIsExactWithACopyOfTheBucket() {
		RateLimiter only = limiter(0.1);
		RateLimitRule rule = only.rule("api", 100);

		long allowed = takeUntilRefused(List.of(only), rule, "198.51.100.7");

		assertThat(allowed).isEqualTo(100);
		assertThat(only.fallbackDecisions()).as("every decision was Redis's or its copy's").isZero();
	}

	@Test
	void twoInstancesTogetherTakeTheLimitPlusAtMostTheOtherInstancesUnreportedTokens() {
		RateLimiter first = limiter(0.1);
		RateLimiter second = limiter(0.1);
		RateLimitRule rule = first.rule("api", 100);

		long allowed = takeUntilRefused(List.of(first, second), rule, "198.51.100.8");

		assertThat(allowed).isBetween(100L, 110L);
	}

	@Test
	void withoutToleranceTwoInstancesShareTheLimitExactly() {
		RateLimiter first = limiter(0);
		RateLimiter second = limiter(0);
		RateLimitRule rule = first.rule("api", 100);

		assertThat(takeUntilRefused(List.of(first, second), rule, "198.51.100.9")).isEqualTo(100);
	}

	@Test
	void whatOneInstanceTookReachesTheOtherWithinTheSyncInterval() {
		RateLimiter first = limiter(0.1);
		RateLimiter second = limiter(0.1);
		RateLimitRule rule = first.rule("api", 100);
		assertThat(second.tryConsume(rule, "198.51.100.10").allowed()).isTrue();
		for (int i = 0; i < 90; i++) {
			assertThat(first.tryConsume(rule, "198.51.100.10").allowed()).isTrue();
		}

		this.clock.advance(Duration.ofMillis(1100));
		// The second instance's copy is older than the interval: it asks Redis, which has
		// every token the first one took but its last (up to 10) unreported ones.
		RateLimitDecision decision = second.tryConsume(rule, "198.51.100.10");

		assertThat(decision.allowed()).isTrue();
		assertThat(decision.remaining()).isBetween(8L, 20L);
	}

	@Test
	void aCopyOfTheBucketSavesMostRedisRoundTrips() {
		AtomicInteger commands = new AtomicInteger();
		this.redis.addListener(new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				commands.incrementAndGet();
			}
		});
		RateLimiter exact = limiter(0);
		RateLimiter copying = limiter(0.1);
		RateLimitRule exactRule = exact.rule("api", 1000);
		RateLimitRule copyingRule = copying.rule("api", 1000);

		for (int i = 0; i < 200; i++) {
			exact.tryConsume(exactRule, "198.51.100.11");
		}
		int exactCommands = commands.getAndSet(0);
		for (int i = 0; i < 200; i++) {
			copying.tryConsume(copyingRule, "198.51.100.12");
		}
		int copyingCommands = commands.get();

		assertThat(exactCommands).as("at least one command a request").isGreaterThanOrEqualTo(200);
		assertThat(copyingCommands).as("one sync per 100 tokens (a tenth of the limit)").isLessThanOrEqualTo(10);
	}

	private long takeUntilRefused(List<RateLimiter> instances, RateLimitRule rule, String subject) {
		long allowed = 0;
		int refusedInARow = 0;
		for (int i = 0; refusedInARow < instances.size() && i < 10_000; i++) {
			if (instances.get(i % instances.size()).tryConsume(rule, subject).allowed()) {
				allowed++;
				refusedInARow = 0;
			}
			else {
				refusedInARow++;
			}
		}
		return allowed;
	}

	private RateLimiter limiter(double syncTolerance) {
		ProtectionProperties.RateLimit settings = new ProtectionProperties.RateLimit(true, Duration.ofMinutes(1), 60,
				10, 30, 5, List.of("/api/v1/me"), List.of("/api/v1/*/imports"), Duration.ofSeconds(2),
				Duration.ofSeconds(5), 1, 1000, syncTolerance, Duration.ofSeconds(1));
		return new RateLimiter(() -> this.redis.connect(ByteArrayCodec.INSTANCE), settings, this.prefix, this.clock,
				new SimpleMeterRegistry());
	}

}
