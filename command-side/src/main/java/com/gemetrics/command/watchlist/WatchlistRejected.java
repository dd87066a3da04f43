package com.gemetrics.command.watchlist;

import com.gemetrics.platform.web.ApiException;

/** A watchlist command broke a rule: answered with the error's status and code. */
class WatchlistRejected extends ApiException {

	private final WatchlistError error;

	WatchlistRejected(WatchlistError error) {
		this(error, error.detail());
	}

	/** The error, told in other words (e.g. naming the caller's plan). */
	WatchlistRejected(WatchlistError error, String detail) {
		super(error.status(), error.name(), detail);
		this.error = error;
	}

	WatchlistError error() {
		return this.error;
	}

}
