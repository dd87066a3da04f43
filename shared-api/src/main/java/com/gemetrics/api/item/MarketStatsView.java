package com.gemetrics.api.item;

import java.time.Instant;
import java.util.List;

/**
 * The market overview: rankings over the item views and the price history.
 *
 * @param topMargins highest margin after tax (items traded in the last hour)
 * @param topVolume highest 1-hour volume
 * @param moversUp1h biggest rises over one hour
 * @param moversDown1h biggest falls over one hour
 * @param moversUp24h biggest rises over 24 hours
 * @param moversDown24h biggest falls over 24 hours
 * @param computedAt when the rankings were computed
 */
public record MarketStatsView(List<ItemView> topMargins, List<ItemView> topVolume, List<Mover> moversUp1h,
		List<Mover> moversDown1h, List<Mover> moversUp24h, List<Mover> moversDown24h, Instant computedAt) {

	/**
	 * One item's price move.
	 *
	 * @param id item id
	 * @param name item name
	 * @param from average price at the start of the period
	 * @param to average price at the end of the period
	 * @param change {@code (to - from) / from}, a fraction
	 */
	public record Mover(int id, String name, long from, long to, double change) {
	}

}
