package com.gemetrics.query.marketstats;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the market overview and its cache in Redis ({@link MarketStatsCache}).
 *
 * @param cacheTtl how long an overview is kept in Redis while prices do not move
 * @param maxAge the {@code Cache-Control: max-age} of the answer
 * @param settle an overview computed this soon after prices moved is kept only this long
 * (the items snapshot of the computing instance may lag the move by its refresh interval)
 * @param lockTtl the longest one instance holds the right to compute an overview
 * @param lockWait how long an instance without any overview waits for another's
 * computation before computing its own
 * @param lockPoll how often it looks while waiting
 * @param redisRetryAfter after a Redis failure, how long overviews are computed from
 * PostgreSQL without trying Redis
 * @param fallbackTtl how long such a locally computed overview is reused
 * @param defaultLimit items per ranking when the client asks for no number
 * @param maxLimit the most items per ranking a client may ask for
 * @param minMoverVolume items traded fewer times than this in the latest hour are not
 * movers
 */
@Validated
@ConfigurationProperties("ge.market-stats")
record MarketStatsProperties(@NotNull @DefaultValue("1h") Duration cacheTtl,
		@NotNull @DefaultValue("5s") Duration maxAge, @NotNull @DefaultValue("2s") Duration settle,
		@NotNull @DefaultValue("10s") Duration lockTtl, @NotNull @DefaultValue("2s") Duration lockWait,
		@NotNull @DefaultValue("25ms") Duration lockPoll, @NotNull @DefaultValue("5s") Duration redisRetryAfter,
		@NotNull @DefaultValue("5s") Duration fallbackTtl, @Min(1) @Max(100) @DefaultValue("10") int defaultLimit,
		@Min(1) @Max(100) @DefaultValue("100") int maxLimit, @Min(0) @DefaultValue("10") long minMoverVolume) {
}
