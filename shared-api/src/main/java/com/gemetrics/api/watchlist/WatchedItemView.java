package com.gemetrics.api.watchlist;

import java.time.Instant;
import java.util.List;

/**
 * A watched item with its market figures from the items view ({@code null} where the item
 * has no price) and its rules.
 *
 * @param itemId the item
 * @param name its name, or {@code null} if the catalogue does not list it
 * @param high latest instant-buy price
 * @param low latest instant-sell price
 * @param margin {@code high − low − tax(high)}
 * @param watchedAt when it was (last) watched
 * @param rules its alert rules
 */
public record WatchedItemView(int itemId, String name, Long high, Long low, Long margin, Instant watchedAt,
		List<AlertRuleView> rules) {
}
