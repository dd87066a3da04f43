package com.gemetrics.query.watchlist;

import com.gemetrics.api.watchlist.FindWatchlistQuery;
import com.gemetrics.api.watchlist.FindWatchlistVersionQuery;
import com.gemetrics.api.watchlist.WatchlistView;
import org.axonframework.queryhandling.QueryHandler;

import org.springframework.stereotype.Component;

/**
 * Answers the watchlist queries from the watchlist tables. A user without a watchlist has
 * an empty one (and version -1).
 */
@Component
class WatchlistQueryHandler {

	private final WatchlistRepository repository;

	WatchlistQueryHandler(WatchlistRepository repository) {
		this.repository = repository;
	}

	@QueryHandler
	WatchlistView handle(FindWatchlistQuery query) {
		return this.repository.find(query.userId().value(), query.recentAlerts());
	}

	@QueryHandler
	Long handle(FindWatchlistVersionQuery query) {
		return this.repository.version(query.userId().value());
	}

}
