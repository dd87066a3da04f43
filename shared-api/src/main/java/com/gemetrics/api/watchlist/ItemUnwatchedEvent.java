package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that a user stopped watching an item; its rules go with it.
 *
 * @param watchlistId the watchlist
 * @param userId its owner
 * @param itemId the item
 * @param unwatchedAt when
 */
@Revision("1")
public record ItemUnwatchedEvent(WatchlistId watchlistId, UserId userId, int itemId, Instant unwatchedAt) {
}
