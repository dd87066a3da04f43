package com.gemetrics.api.price;

/**
 * One item's averages and volumes over one window. An average is {@code null} when that
 * side had no volume.
 *
 * @param itemId the item id
 * @param avgHighPrice average instant-buy price, coins
 * @param highPriceVolume items traded at the high side
 * @param avgLowPrice average instant-sell price, coins
 * @param lowPriceVolume items traded at the low side
 */
public record WindowAverage(int itemId, Long avgHighPrice, long highPriceVolume, Long avgLowPrice,
		long lowPriceVolume) {

	/** Items traded on both sides. */
	public long volume() {
		return this.highPriceVolume + this.lowPriceVolume;
	}

}
