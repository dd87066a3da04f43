package com.gemetrics.command.price;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The global cap on {@code /timeseries} requests: one Bucket4j token bucket in Redis,
 * shared by every command-side instance. The Redis connection is opened on first use, so
 * the app starts while Redis is away.
 */
@Component
class HistoryImportRateLimiter implements DisposableBean {

	private final RedisConnectionFactory connectionFactory;

	private final HistoryImportProperties properties;

	private final byte[] key;

	private final BucketConfiguration configuration;

	private StatefulRedisConnection<byte[], byte[]> connection;

	private ProxyManager<byte[]> buckets;

	HistoryImportRateLimiter(RedisConnectionFactory connectionFactory, HistoryImportProperties properties,
			RedisKeyProperties redisKeys) {
		this.connectionFactory = connectionFactory;
		this.properties = properties;
		this.key = (redisKeys.keyPrefix() + properties.bucketKey()).getBytes(StandardCharsets.UTF_8);
		this.configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(properties.capacity())
				.refillGreedy(properties.refillTokens(), properties.refillPeriod()))
			.build();
	}

	/**
	 * Takes one token.
	 * @return {@link Duration#ZERO} when a token was taken, else how long until one is
	 * free
	 */
	Duration tryAcquire() {
		ConsumptionProbe probe = buckets().getProxy(this.key, () -> this.configuration).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return Duration.ZERO;
		}
		return Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1));
	}

	private synchronized ProxyManager<byte[]> buckets() {
		if (this.buckets == null) {
			this.connection = redisClient().connect(ByteArrayCodec.INSTANCE);
			this.buckets = Bucket4jLettuce.casBasedBuilder(this.connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.requestTimeout(this.properties.redisTimeout())
				.build();
		}
		return this.buckets;
	}

	private RedisClient redisClient() {
		if (this.connectionFactory instanceof LettuceConnectionFactory lettuce) {
			AbstractRedisClient client = lettuce.getNativeClient();
			if (client instanceof RedisClient redis) {
				return redis;
			}
		}
		throw new IllegalStateException("the history-import rate limit needs a standalone Lettuce Redis client");
	}

	@Override
	public synchronized void destroy() {
		if (this.connection != null) {
			this.connection.close();
		}
	}

}
