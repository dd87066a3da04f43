package com.gemetrics.api.watchlist;

import java.time.Instant;
import java.util.List;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Watches an item with these alert rules, replacing the rules it had; the first watch
 * creates the user's watchlist.
 *
 * @param watchlistId the caller's watchlist
 * @param userId the caller
 * @param itemId the item, known to the catalogue
 * @param rules the item's rules from now on, with ids chosen by the server
 * @param limits the bounds of the caller's plan
 * @param requestedAt when the request arrived (the server's clock)
 */
public record WatchItemCommand(@TargetAggregateIdentifier WatchlistId watchlistId, UserId userId, int itemId,
		List<AlertRule> rules, WatchlistLimits limits, Instant requestedAt) {

	public WatchItemCommand {
		rules = List.copyOf(rules);
	}

}
