package com.gemetrics.query.marketstats;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.gemetrics.api.item.MarketStatsView;
import com.gemetrics.api.item.MarketStatsView.Mover;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market-stats cache on the real Redis ({@code GE_TEST_REDIS_URL}, default
 * 127.0.0.1:6379), as two query-side instances see it: two caches with their own
 * connections under one key prefix. One computes, the other reads its entry; a price move
 * makes both recompute once; many concurrent misses compute once; with Redis unreachable
 * the overview is computed (from PostgreSQL in the app) and no error reaches the caller,
 * nor the processor that marks a price move.
 */
class MarketStatsCacheIT {

	static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	static final ObjectMapper JSON = JsonMapper.builder()
		.findAndAddModules()
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	final List<LettuceConnectionFactory> factories = new ArrayList<>();

	final String prefix = "ge-test-" + UUID.randomUUID() + ":";

	StringRedisTemplate redis;

	@BeforeEach
	void connect() {
		URI url = URI.create(System.getenv().getOrDefault("GE_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
		this.redis = template(url.getHost(), url.getPort());
	}

	@AfterEach
	void close() {
		this.redis.delete(this.redis.keys(this.prefix + "*"));
		this.factories.forEach(LettuceConnectionFactory::destroy);
	}

	@Test
	void twoInstancesShareOneEntryAndAPriceMoveMakesThemRecomputeOnce() {
		MarketStatsCache first = cache(this.redis, properties(Duration.ZERO), NOW);
		MarketStatsCache second = cache(template(this.redis), properties(Duration.ZERO), NOW);
		Counting a = new Counting("a");
		Counting b = new Counting("b");

		MarketStatsView computed = first.get(10, a);
		MarketStatsView shared = second.get(10, b);

		assertThat(shared).isEqualTo(computed);
		assertThat(a.calls.get()).isEqualTo(1);
		assertThat(b.calls.get()).isZero();
		assertThat(this.redis.getExpire(first.entryKey(10), TimeUnit.SECONDS)).isBetween(3500L, 3600L);
		assertThat(second.get(5, b)).as("another ranking size is another entry").isNotNull();
		assertThat(b.calls.get()).isEqualTo(1);

		first.invalidate();
		MarketStatsView refreshed = second.get(10, b);
		MarketStatsView seen = first.get(10, a);

		assertThat(refreshed.moversUp1h().get(0).name()).isEqualTo("b2");
		assertThat(seen).isEqualTo(refreshed);
		assertThat(a.calls.get()).isEqualTo(1);
	}

	@Test
	void anOverviewComputedJustAfterAMoveIsKeptOnlyTheSettleTime() {
		MarketStatsCache poller = cache(this.redis, properties(Duration.ofSeconds(2)), NOW);
		MarketStatsCache reader = cache(this.redis, properties(Duration.ofSeconds(2)), NOW.plusSeconds(1));
		poller.invalidate();

		reader.get(10, new Counting("r"));

		assertThat(this.redis.getExpire(reader.entryKey(10), TimeUnit.MILLISECONDS)).isBetween(1L, 2000L);
	}

	@Test
	void concurrentMissesOnTwoInstancesComputeOnce() throws Exception {
		MarketStatsCache first = cache(this.redis, properties(Duration.ZERO), NOW);
		MarketStatsCache second = cache(template(this.redis), properties(Duration.ZERO), NOW);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger computations = new AtomicInteger();
		Supplier<MarketStatsView> slow = () -> {
			computations.incrementAndGet();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return view("slow", 1);
		};
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<MarketStatsView>> answers = new ArrayList<>();
			CountDownLatch started = new CountDownLatch(8);
			for (int i = 0; i < 8; i++) {
				MarketStatsCache cache = (i % 2 == 0) ? first : second;
				answers.add(threads.submit(() -> {
					started.countDown();
					return cache.get(10, slow);
				}));
			}
			started.await(30, TimeUnit.SECONDS);
			release.countDown();
			for (Future<MarketStatsView> answer : answers) {
				assertThat(answer.get(60, TimeUnit.SECONDS).moversUp1h().get(0).name()).isEqualTo("slow");
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(computations.get()).isEqualTo(1);
	}

	@Test
	void redisUnreachableComputesLocallyAndNeverFails() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		MarketStatsCache down = cache(template("127.0.0.1", closedPort), properties(Duration.ZERO), NOW);
		Counting postgres = new Counting("pg");

		MarketStatsView first = down.get(10, postgres);
		MarketStatsView again = down.get(10, postgres);

		assertThat(first.moversUp1h().get(0).name()).isEqualTo("pg1");
		assertThat(again).as("reused for the fallback TTL").isEqualTo(first);
		assertThat(postgres.calls.get()).isEqualTo(1);
		new PriceMoves(down).moved();
	}

	private MarketStatsProperties properties(Duration settle) {
		return new MarketStatsProperties(Duration.ofHours(1), Duration.ofSeconds(5), settle, Duration.ofSeconds(30),
				Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofSeconds(5), 10, 100,
				10);
	}

	private MarketStatsCache cache(StringRedisTemplate template, MarketStatsProperties properties, Instant now) {
		return new MarketStatsCache(template, JSON, properties, Clock.fixed(now, ZoneOffset.UTC), this.prefix);
	}

	private StringRedisTemplate template(StringRedisTemplate like) {
		var factory = (LettuceConnectionFactory) like.getConnectionFactory();
		return template(factory.getHostName(), factory.getPort());
	}

	private StringRedisTemplate template(String host, int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		return new StringRedisTemplate(factory);
	}

	static MarketStatsView view(String name, int n) {
		return new MarketStatsView(List.of(), List.of(), List.of(new Mover(561, name, 100, 150, 0.5)), List.of(),
				List.of(), List.of(), NOW);
	}

	/** A computation that counts its calls and names each result after its caller. */
	static final class Counting implements Supplier<MarketStatsView> {

		final String name;

		final AtomicInteger calls = new AtomicInteger();

		Counting(String name) {
			this.name = name;
		}

		@Override
		public MarketStatsView get() {
			int call = this.calls.incrementAndGet();
			return view(this.name + call, call);
		}

	}

}
