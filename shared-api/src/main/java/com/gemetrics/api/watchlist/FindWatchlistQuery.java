package com.gemetrics.api.watchlist;

import com.gemetrics.api.user.UserId;

/**
 * Asks for one user's watchlist (the body of {@code GET /api/v1/watchlist}); answered
 * with a {@link WatchlistView}.
 *
 * @param userId the owner
 * @param recentAlerts how many of the latest alerts to include
 */
public record FindWatchlistQuery(UserId userId, int recentAlerts) {
}
