package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.price.GeTax;

/**
 * How a flip's trades turn into profit after tax: the one place the journal projection
 * and the auditors' rebuilt state ({@code GET /api/v1/audit/users/{id}/state}) both take
 * it from, one named method per rule. The tax itself is {@link GeTax}'s, under the rule
 * in force when the items were sold.
 */
public final class FlipProfit {

	private FlipProfit() {
	}

	/**
	 * The GE tax per item on a sale of {@code itemId} at {@code sellPricePerItem}, under
	 * the rule in force at {@code soldAt}. A write-off pays none.
	 */
	public static long taxPerItem(int itemId, long sellPricePerItem, Instant soldAt) {
		return GeTax.taxPerItem(itemId, sellPricePerItem, soldAt);
	}

	/**
	 * The profit of one sale (or of the write-off: price 0, tax 0) against the buy price
	 * in force: {@code quantity × (sell − taxPerItem − buy)}.
	 * @throws ArithmeticException if it does not fit a {@code long}
	 */
	public static long profit(long quantity, long sellPricePerItem, long taxPerItem, long buyPricePerItem) {
		return Math.multiplyExact(quantity, sellPricePerItem - taxPerItem - buyPricePerItem);
	}

	/**
	 * A flip is closed once its sales and write-off account for every item bought.
	 */
	public static boolean isClosed(long quantityBought, long quantitySold, long quantityWrittenOff) {
		return quantitySold + quantityWrittenOff >= quantityBought;
	}

}
