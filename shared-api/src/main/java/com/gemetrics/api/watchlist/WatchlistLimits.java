package com.gemetrics.api.watchlist;

/**
 * The bounds a watchlist keeps, given with each watch command so a plan (free now,
 * premium later) can lift them without the aggregate knowing plans.
 *
 * @param maxRules the most alert rules across the whole watchlist
 * @param maxRulesPerItem the most rules on one item
 * @param maxItems the most watched items
 */
public record WatchlistLimits(int maxRules, int maxRulesPerItem, int maxItems) {

	public WatchlistLimits {
		if (maxRules < 0 || maxRulesPerItem < 0 || maxItems < 1) {
			throw new IllegalArgumentException("limits must not be negative");
		}
	}

}
