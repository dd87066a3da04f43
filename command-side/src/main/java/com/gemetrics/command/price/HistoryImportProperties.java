package com.gemetrics.command.price;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The global cap on {@code /timeseries} requests, shared by every command-side instance
 * through a token bucket in Redis.
 *
 * @param capacity the burst: requests allowed at once when the bucket is full
 * @param refillTokens tokens added every {@code refillPeriod}
 * @param refillPeriod how often {@code refillTokens} are added
 * @param bucketKey the Redis key of the bucket, after {@code ge.redis.key-prefix}
 * @param redisTimeout how long to wait for Redis before refusing the import
 */
@Validated
@ConfigurationProperties("ge.history-import")
record HistoryImportProperties(@Positive long capacity, @Positive long refillTokens, @NotNull Duration refillPeriod,
		@NotBlank String bucketKey, @NotNull Duration redisTimeout) {
}
