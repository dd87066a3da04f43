package com.gemetrics.api.item;

import java.time.Instant;

/**
 * One item as the SPA sees it: catalogue facts, latest prices and the figures derived
 * from them. Coins are {@code long}; a figure that needs a missing price is {@code null}.
 *
 * @param id item id
 * @param name item name ({@code null} for an id that is not in the catalogue yet)
 * @param members members-only item
 * @param limit GE buy limit per 4 hours
 * @param highAlch high alchemy value
 * @param lowAlch low alchemy value
 * @param value store value
 * @param icon wiki icon file name
 * @param high latest instant-buy price
 * @param highTime when {@code high} traded
 * @param low latest instant-sell price
 * @param lowTime when {@code low} traded
 * @param tax GE tax on selling one at {@code high}, under the rule in force now
 * @param margin {@code high - low - tax}
 * @param roi {@code margin / low}, a fraction
 * @param profitPerLimit {@code margin * limit}
 * @param highAlchProfit {@code highAlch - low - nature rune price}
 * @param volume5m items traded in the latest 5-minute bucket
 * @param volume1h items traded in the latest 1-hour bucket
 * @param stale whether the last good poll of prices is older than the staleness threshold
 */
public record ItemView(int id, String name, boolean members, Integer limit, Integer highAlch, Integer lowAlch,
		Integer value, String icon, Long high, Instant highTime, Long low, Instant lowTime, Long tax, Long margin,
		Double roi, Long profitPerLimit, Long highAlchProfit, Long volume5m, Long volume1h, boolean stale) {

	/** The same view with another staleness flag. */
	public ItemView withStale(boolean stale) {
		return (stale == this.stale) ? this
				: new ItemView(this.id, this.name, this.members, this.limit, this.highAlch, this.lowAlch, this.value,
						this.icon, this.high, this.highTime, this.low, this.lowTime, this.tax, this.margin, this.roi,
						this.profitPerLimit, this.highAlchProfit, this.volume5m, this.volume1h, stale);
	}

}
