package com.gemetrics.command.watchlist;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of a watchlist that are the same on every plan, and how often a watchlist is
 * snapshotted. The plan's bounds (watched items, alert rules) are its entitlements.
 *
 * @param maxRulesPerItem the most rules on one item
 * @param snapshotThreshold the events read and applied on a watchlist after which it is
 * snapshotted
 */
@Validated
@ConfigurationProperties("ge.watchlist")
record WatchlistProperties(@Min(1) @Max(100) int maxRulesPerItem,
		@DefaultValue("100") @Min(1) @Max(1_000_000) int snapshotThreshold) {

}
