package com.gemetrics.api.watchlist;

import java.util.List;

/**
 * A user's watchlist.
 *
 * @param items the watched items, by item id
 * @param recentAlerts the latest alerts, newest first
 */
public record WatchlistView(List<WatchedItemView> items, List<AlertView> recentAlerts) {
}
