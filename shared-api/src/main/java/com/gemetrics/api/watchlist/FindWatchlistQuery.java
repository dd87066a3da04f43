package com.gemetrics.api.watchlist;

import java.util.UUID;

/**
 * Asks for one user's watchlist (the body of {@code GET /api/v1/watchlist}); answered
 * with a {@link WatchlistView}.
 *
 * @param userId the owner
 * @param recentAlerts how many of the latest alerts to include
 */
public record FindWatchlistQuery(UUID userId, int recentAlerts) {
}
