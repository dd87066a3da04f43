package com.gemetrics.command.watchlist;

import com.gemetrics.platform.web.ApiException;

/** A watchlist command broke a rule: answered with the error's status and code. */
class WatchlistRejected extends ApiException {

	private final WatchlistError error;

	WatchlistRejected(WatchlistError error) {
		super(error.status(), error.name(), error.detail());
		this.error = error;
	}

	WatchlistError error() {
		return this.error;
	}

}
