package com.gemetrics.query.rollups;

import java.math.BigInteger;

/**
 * What one flip adds to one row of {@code read.flip_daily} (one UTC day of its item), or
 * the difference between two such contributions. Counts are {@code long}; coin and
 * quantity sums are exact.
 *
 * @param flipsOpened flips bought that day
 * @param flipsClosed flips whose last sale or write-off fell that day
 * @param sales sales that day (write-offs excluded)
 * @param itemsBought quantity of the flips bought that day
 * @param itemsSold items sold that day
 * @param itemsWrittenOff items written off that day
 * @param cost quantity × buy price of the flips bought that day
 * @param revenue Σ quantity × sell price of that day's sales
 * @param taxPaid Σ quantity × GE tax per item of that day's sales
 * @param realizedProfit Σ profit of that day's sales and write-offs
 */
record FlipFigures(long flipsOpened, long flipsClosed, long sales, BigInteger itemsBought, BigInteger itemsSold,
		BigInteger itemsWrittenOff, BigInteger cost, BigInteger revenue, BigInteger taxPaid,
		BigInteger realizedProfit) {

	static final FlipFigures ZERO = new FlipFigures(0, 0, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
			BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

	FlipFigures plus(FlipFigures other) {
		return new FlipFigures(this.flipsOpened + other.flipsOpened, this.flipsClosed + other.flipsClosed,
				this.sales + other.sales, this.itemsBought.add(other.itemsBought), this.itemsSold.add(other.itemsSold),
				this.itemsWrittenOff.add(other.itemsWrittenOff), this.cost.add(other.cost),
				this.revenue.add(other.revenue), this.taxPaid.add(other.taxPaid),
				this.realizedProfit.add(other.realizedProfit));
	}

	FlipFigures minus(FlipFigures other) {
		return new FlipFigures(this.flipsOpened - other.flipsOpened, this.flipsClosed - other.flipsClosed,
				this.sales - other.sales, this.itemsBought.subtract(other.itemsBought),
				this.itemsSold.subtract(other.itemsSold), this.itemsWrittenOff.subtract(other.itemsWrittenOff),
				this.cost.subtract(other.cost), this.revenue.subtract(other.revenue),
				this.taxPaid.subtract(other.taxPaid), this.realizedProfit.subtract(other.realizedProfit));
	}

	/**
	 * Whether this difference lowers one of the counts (a correction or a delete): only
	 * then can it leave a day with nothing.
	 */
	boolean lowersACount() {
		return this.flipsOpened < 0 || this.flipsClosed < 0 || this.sales < 0 || this.itemsBought.signum() < 0
				|| this.itemsSold.signum() < 0 || this.itemsWrittenOff.signum() < 0;
	}

	boolean isZero() {
		return equals(ZERO);
	}

	static FlipFigures opened(long quantity, long buyPrice) {
		BigInteger items = BigInteger.valueOf(quantity);
		return new FlipFigures(1, 0, 0, items, BigInteger.ZERO, BigInteger.ZERO,
				items.multiply(BigInteger.valueOf(buyPrice)), BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
	}

	static FlipFigures closed() {
		return new FlipFigures(0, 1, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
				BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
	}

	/** A sale: profit {@code quantity × (sell − tax − buy)}, as in the journal. */
	static FlipFigures sale(long quantity, long sellPrice, long taxPerItem, long buyPrice) {
		BigInteger items = BigInteger.valueOf(quantity);
		return new FlipFigures(0, 0, 1, BigInteger.ZERO, items, BigInteger.ZERO, BigInteger.ZERO,
				items.multiply(BigInteger.valueOf(sellPrice)), items.multiply(BigInteger.valueOf(taxPerItem)),
				items.multiply(BigInteger.valueOf(sellPrice)
					.subtract(BigInteger.valueOf(taxPerItem))
					.subtract(BigInteger.valueOf(buyPrice))));
	}

	/** A write-off: sold for nothing, untaxed. */
	static FlipFigures writeOff(long quantity, long buyPrice) {
		BigInteger items = BigInteger.valueOf(quantity);
		return new FlipFigures(0, 0, 0, BigInteger.ZERO, BigInteger.ZERO, items, BigInteger.ZERO, BigInteger.ZERO,
				BigInteger.ZERO, items.multiply(BigInteger.valueOf(buyPrice)).negate());
	}

}
