package com.gemetrics.query.pricehistory;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the price-history read model ({@code ge.price-history.*}).
 *
 * @param partitions how monthly partitions are kept ahead
 * @param backfill how history is imported on first demand
 */
@Validated
@ConfigurationProperties("ge.price-history")
record PriceHistoryProperties(@Valid @DefaultValue Partitions partitions, @Valid @DefaultValue Backfill backfill) {

	/**
	 * Partition upkeep. The scheduler reads {@code check-interval} by placeholder, so it
	 * is an ISO-8601 duration.
	 *
	 * @param monthsAhead partitions created ahead of the current month
	 * @param checkInterval how often they are created ahead (also once at start-up)
	 */
	record Partitions(@Min(0) @Max(24) @DefaultValue("3") int monthsAhead,
			@NotNull @DefaultValue("PT24H") Duration checkInterval) {
	}

	/**
	 * History backfill from the command side.
	 *
	 * @param enabled whether a first read asks the command side for an import
	 * @param connectTimeout connect timeout of the import call
	 * @param readTimeout read timeout of the import call (the command side calls the OSRS
	 * API)
	 * @param projectionWait how long a read waits for imported points to be projected
	 * @param retryAfterFailure how long a failed or unconfirmed import is not asked for
	 * again
	 * @param maxTracked most (item, timestep) import attempts remembered at once
	 */
	record Backfill(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("500ms") Duration connectTimeout,
			@NotNull @DefaultValue("3s") Duration readTimeout, @NotNull @DefaultValue("2s") Duration projectionWait,
			@NotNull @DefaultValue("30s") Duration retryAfterFailure, @Min(1) @DefaultValue("10000") int maxTracked) {
	}

}
