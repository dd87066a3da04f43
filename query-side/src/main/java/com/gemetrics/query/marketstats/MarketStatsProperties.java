package com.gemetrics.query.marketstats;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the market overview.
 *
 * @param cacheTtl how long a computed overview is reused
 * @param defaultLimit items per ranking when the client asks for no number
 * @param maxLimit the most items per ranking a client may ask for
 * @param minMoverVolume items traded fewer times than this in the latest hour are not
 * movers
 */
@Validated
@ConfigurationProperties("ge.market-stats")
record MarketStatsProperties(@NotNull @DefaultValue("5s") Duration cacheTtl,
		@Min(1) @Max(100) @DefaultValue("10") int defaultLimit, @Min(1) @Max(100) @DefaultValue("100") int maxLimit,
		@Min(0) @DefaultValue("10") long minMoverVolume) {
}
