package com.gemetrics.api.price;

import java.time.Instant;

/**
 * One point of an item's price history.
 *
 * @param timestamp the start of the bucket
 * @param avgHighPrice average instant-buy price, or {@code null}
 * @param avgLowPrice average instant-sell price, or {@code null}
 * @param highPriceVolume items traded at the high side
 * @param lowPriceVolume items traded at the low side
 */
public record HistoryPoint(Instant timestamp, Long avgHighPrice, Long avgLowPrice, long highPriceVolume,
		long lowPriceVolume) {
}
