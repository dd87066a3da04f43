package com.gemetrics.api.watchlist;

/**
 * What an alert rule compares. Prices compare against the item's latest {@code high}; the
 * margin is {@code high − low − tax(high)}, as the items view shows it.
 */
public enum AlertType {

	/** {@code high >= value}. */
	PRICE_AT_OR_ABOVE,

	/** {@code high <= value}. */
	PRICE_AT_OR_BELOW,

	/** {@code margin after tax >= value}. */
	MARGIN_AT_OR_ABOVE

}
