package com.gemetrics.platform.protection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Takes tokens from Bucket4j buckets in Redis, shared by every instance (one bucket per
 * rule and subject, under {@code ge.redis.key-prefix}), each instance taking up to
 * {@code ⌊limit × sync-tolerance⌋} tokens from its own copy before it reports them (at
 * least every {@code sync-interval}). When Redis fails, it decides with per-instance
 * buckets in memory for {@code redis-retry-after}, then tries Redis again; see ADR 0009.
 * The connection is opened on first use, so the app starts while Redis is away.
 */
class RateLimiter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	private final Supplier<StatefulRedisConnection<byte[], byte[]>> connector;

	private final ProtectionProperties.RateLimit settings;

	private final String keyPrefix;

	private final Clock clock;

	private final TimeMeter timeMeter;

	private final Map<String, Bucket> localBuckets = new ConcurrentHashMap<>();

	/** Proxies of shared buckets that decide from a copy, by rule and subject. */
	private final Cache<String, Bucket> sharedProxies;

	private final Counter fallbackDecisions;

	private StatefulRedisConnection<byte[], byte[]> connection;

	private ProxyManager<byte[]> buckets;

	private volatile Instant redisRetryAt = Instant.MIN;

	private volatile FallbackState fallback;

	RateLimiter(Supplier<StatefulRedisConnection<byte[], byte[]>> connector, ProtectionProperties.RateLimit settings,
			String keyPrefix, Clock clock, MeterRegistry registry) {
		this.connector = connector;
		this.settings = settings;
		this.keyPrefix = keyPrefix + "ratelimit:";
		this.clock = clock;
		this.timeMeter = new ClockTimeMeter(clock);
		this.sharedProxies = Caffeine.newBuilder()
			.maximumSize(settings.fallbackMaxKeys())
			.expireAfterAccess(settings.period())
			.build();
		this.fallbackDecisions = Counter.builder("ge.ratelimit.fallback")
			.description("Rate-limit decisions taken by the per-instance fallback because Redis was unreachable")
			.register(registry);
		Gauge.builder("ge.ratelimit.fallback.active", this, (limiter) -> (limiter.fallback != null) ? 1 : 0)
			.description("1 while the rate limiter decides without Redis, else 0")
			.register(registry);
	}

	RateLimitRule rule(String name, long limit) {
		return new RateLimitRule(name, limit, this.settings.period(), this.settings.fallbackInstances(),
				this.settings.syncTolerance());
	}

	/** Takes one token for the subject from the rule's bucket. */
	RateLimitDecision tryConsume(RateLimitRule rule, String subject) {
		String key = rule.name() + ':' + subject;
		Instant now = this.clock.instant();
		if (!now.isBefore(this.redisRetryAt)) {
			try {
				RateLimitDecision decision = RateLimitDecision.of(rule, rule.limit(),
						sharedBucket(rule, key).tryConsumeAndReturnRemaining(1));
				redisAnswered();
				return decision;
			}
			catch (RuntimeException ex) {
				redisFailed(now, ex);
			}
		}
		this.fallbackDecisions.increment();
		if (this.localBuckets.size() >= this.settings.fallbackMaxKeys()) {
			this.localBuckets.clear();
		}
		Bucket bucket = this.localBuckets.computeIfAbsent(key, (ignored) -> newLocalBucket(rule));
		return RateLimitDecision.of(rule, rule.localLimit(), bucket.tryConsumeAndReturnRemaining(1));
	}

	/**
	 * The subject's bucket in Redis. When the rule allows unsynchronized tokens, a proxy
	 * kept here decides from its copy of the bucket and reports what it took to Redis
	 * once it has taken that many tokens or {@code syncInterval} has passed (Bucket4j's
	 * delaying optimization): one Redis round trip per many requests on the hot path,
	 * while every instance's takings still reach the shared bucket.
	 */
	private Bucket sharedBucket(RateLimitRule rule, String key) {
		byte[] redisKey = (this.keyPrefix + key).getBytes(StandardCharsets.UTF_8);
		if (rule.unsynchronizedTokens() == 0) {
			return buckets().getProxy(redisKey, rule::shared);
		}
		return this.sharedProxies.get(key,
				(ignored) -> buckets().builder()
					.withOptimization(new DelayOptimization(
							new DelayParameters(rule.unsynchronizedTokens(), this.settings.syncInterval()),
							NopeOptimizationListener.INSTANCE, this.timeMeter))
					.build(redisKey, rule::shared));
	}

	/** Null while Redis answers; else since when and why the fallback decides. */
	FallbackState fallback() {
		return this.fallback;
	}

	long fallbackDecisions() {
		return (long) this.fallbackDecisions.count();
	}

	private Bucket newLocalBucket(RateLimitRule rule) {
		return Bucket.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(rule.localLimit())
				.refillGreedy(rule.localLimit(), this.settings.period()))
			.withCustomTimePrecision(this.timeMeter)
			.build();
	}

	private void redisAnswered() {
		FallbackState ended = this.fallback;
		if (ended != null) {
			this.fallback = null;
			this.localBuckets.clear();
			this.sharedProxies.invalidateAll();
			log.info("Rate limiter: Redis answers again; shared limits apply after {} fallback decisions",
					fallbackDecisions());
		}
	}

	private void redisFailed(Instant now, RuntimeException ex) {
		this.redisRetryAt = now.plus(this.settings.redisRetryAfter());
		if (this.fallback == null) {
			this.fallback = new FallbackState(now, ex.getClass().getSimpleName());
			log.warn("Rate limiter: Redis unreachable ({}); limiting per instance for at least {}", ex.toString(),
					this.settings.redisRetryAfter());
		}
	}

	private synchronized ProxyManager<byte[]> buckets() {
		if (this.buckets == null) {
			this.connection = this.connector.get();
			this.buckets = Bucket4jLettuce.casBasedBuilder(this.connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.requestTimeout(this.settings.redisTimeout())
				.clientClock(this.timeMeter)
				.build();
		}
		return this.buckets;
	}

	@Override
	public synchronized void destroy() {
		if (this.connection != null) {
			this.connection.close();
		}
	}

	/**
	 * The fallback is deciding.
	 *
	 * @param since when Redis first failed
	 * @param reason the kind of failure
	 */
	record FallbackState(Instant since, String reason) {

	}

}
