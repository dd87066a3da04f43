package com.gemetrics.query.pricehistory;

import java.time.Instant;

import com.gemetrics.api.price.HistoryPoint;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.WindowAverage;

/**
 * One row of {@code read.item_price_history}: an item's averages and volumes over one
 * bucket.
 *
 * @param itemId the item id
 * @param timestep the bucket length
 * @param ts the bucket start
 * @param avgHigh average instant-buy price, or {@code null} when nothing traded at the
 * high side
 * @param avgLow average instant-sell price, or {@code null} when nothing traded at the
 * low side
 * @param highVolume items traded at the high side
 * @param lowVolume items traded at the low side
 */
record PriceHistoryRow(int itemId, Timestep timestep, Instant ts, Long avgHigh, Long avgLow, long highVolume,
		long lowVolume) {

	static PriceHistoryRow of(Timestep timestep, Instant bucketStart, WindowAverage average) {
		return new PriceHistoryRow(average.itemId(), timestep, bucketStart, average.avgHighPrice(),
				average.avgLowPrice(), average.highPriceVolume(), average.lowPriceVolume());
	}

	static PriceHistoryRow of(int itemId, Timestep timestep, HistoryPoint point) {
		return new PriceHistoryRow(itemId, timestep, point.timestamp(), point.avgHighPrice(), point.avgLowPrice(),
				point.highPriceVolume(), point.lowPriceVolume());
	}

}
