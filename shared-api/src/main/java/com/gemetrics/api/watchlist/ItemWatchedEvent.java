package com.gemetrics.api.watchlist;

import java.time.Instant;
import java.util.List;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that a user watches an item with these alert rules, replacing any rules the item
 * had (the first time, the item joins the watchlist).
 *
 * @param watchlistId the watchlist
 * @param userId its owner
 * @param itemId the item
 * @param rules the item's rules from now on (may be empty: watched without alerts)
 * @param watchedAt when
 */
@Revision("1")
public record ItemWatchedEvent(WatchlistId watchlistId, UserId userId, int itemId, List<AlertRule> rules,
		Instant watchedAt) {

	public ItemWatchedEvent {
		rules = List.copyOf(rules);
	}

}
