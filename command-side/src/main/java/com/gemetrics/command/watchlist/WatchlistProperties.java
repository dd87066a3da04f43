package com.gemetrics.command.watchlist;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of a watchlist on the free plan, and how often a watchlist is snapshotted.
 *
 * @param freeRuleLimit the most alert rules across a free user's watchlist
 * @param maxRulesPerItem the most rules on one item
 * @param maxItems the most watched items
 * @param snapshotThreshold the events read and applied on a watchlist after which it is
 * snapshotted
 */
@Validated
@ConfigurationProperties("ge.watchlist")
record WatchlistProperties(@Min(0) @Max(10_000) int freeRuleLimit, @Min(1) @Max(100) int maxRulesPerItem,
		@Min(1) @Max(100_000) int maxItems, @DefaultValue("100") @Min(1) @Max(1_000_000) int snapshotThreshold) {

}
