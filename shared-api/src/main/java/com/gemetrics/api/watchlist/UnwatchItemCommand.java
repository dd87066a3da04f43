package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stops watching an item; its rules go with it.
 *
 * @param watchlistId the caller's watchlist
 * @param userId the caller
 * @param itemId the item
 * @param requestedAt when the request arrived (the server's clock)
 */
public record UnwatchItemCommand(@TargetAggregateIdentifier WatchlistId watchlistId, UserId userId, int itemId,
		Instant requestedAt) {
}
