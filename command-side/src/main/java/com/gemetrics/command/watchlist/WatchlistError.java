package com.gemetrics.command.watchlist;

import org.springframework.http.HttpStatus;

/** The watchlist rules a request can break, each with its HTTP status and stable code. */
enum WatchlistError {

	/** The alert type is not one of the known types. */
	INVALID_ALERT_TYPE(HttpStatus.BAD_REQUEST,
			"The alert type must be PRICE_AT_OR_ABOVE, PRICE_AT_OR_BELOW or MARGIN_AT_OR_ABOVE."),

	/** The item is not in the catalogue. */
	UNKNOWN_ITEM(HttpStatus.UNPROCESSABLE_ENTITY, "No such item in the catalogue."),

	/** Price thresholds are 1..2,147,483,647 coins, the Grand Exchange's range. */
	PRICE_OUT_OF_RANGE(HttpStatus.UNPROCESSABLE_ENTITY, "A price threshold must be between 1 and 2,147,483,647."),

	/** Margin thresholds are at least one coin (and no more than the highest price). */
	MARGIN_OUT_OF_RANGE(HttpStatus.UNPROCESSABLE_ENTITY, "A margin threshold must be between 1 and 2,147,483,647."),

	/** One item carries a bounded number of rules. */
	TOO_MANY_RULES_FOR_ITEM(HttpStatus.UNPROCESSABLE_ENTITY, "Too many alert rules on one item."),

	/** The whole watchlist carries a bounded number of rules: the plan's. */
	RULE_LIMIT_REACHED(HttpStatus.UNPROCESSABLE_ENTITY, "The watchlist has reached its number of alert rules."),

	/** The watchlist holds a bounded number of items: the plan's. */
	WATCHLIST_FULL(HttpStatus.UNPROCESSABLE_ENTITY, "The watchlist has reached its number of items."),

	/** The item is not on the caller's watchlist. */
	ITEM_NOT_WATCHED(HttpStatus.NOT_FOUND, "The item is not on the watchlist."),

	/** The rule does not exist, or belongs to someone else (who cannot tell which). */
	RULE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such alert rule."),

	/** A paused rule does not fire (only the alert policy meets this). */
	RULE_PAUSED(HttpStatus.UNPROCESSABLE_ENTITY, "The alert rule is paused.");

	private final HttpStatus status;

	private final String detail;

	WatchlistError(HttpStatus status, String detail) {
		this.status = status;
		this.detail = detail;
	}

	HttpStatus status() {
		return this.status;
	}

	String detail() {
		return this.detail;
	}

}
