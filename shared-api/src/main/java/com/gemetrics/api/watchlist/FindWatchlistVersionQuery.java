package com.gemetrics.api.watchlist;

import com.gemetrics.api.user.UserId;

/**
 * Asks how far the projection is for one watchlist: answered with the sequence number
 * ({@code Long}) of the last applied event of the aggregate, or -1.
 *
 * @param userId the owner
 */
public record FindWatchlistVersionQuery(UserId userId) {
}
