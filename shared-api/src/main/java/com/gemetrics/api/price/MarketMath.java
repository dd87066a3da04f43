package com.gemetrics.api.price;

import java.time.Instant;

/**
 * Derived market figures, each one named rule. All coin amounts are {@code long}; a
 * figure that needs a missing price is {@code null}, never 0.
 */
public final class MarketMath {

	/** Nature rune: the cost of one high-alchemy cast. */
	public static final int NATURE_RUNE_ID = 561;

	private MarketMath() {
	}

	/**
	 * GE tax on selling one item at the instant-buy price {@code high}, under the rule in
	 * force {@code at}.
	 */
	public static Long tax(int itemId, Long high, Instant at) {
		return (high != null) ? GeTax.taxPerItem(itemId, high, at) : null;
	}

	/**
	 * Margin after tax: buy at {@code low}, sell at {@code high}, pay tax on
	 * {@code high}.
	 */
	public static Long marginAfterTax(int itemId, Long high, Long low, Instant at) {
		if (high == null || low == null) {
			return null;
		}
		return high - low - GeTax.taxPerItem(itemId, high, at);
	}

	/** Return on investment as a fraction: margin ÷ low. */
	public static Double roi(Long margin, Long low) {
		if (margin == null || low == null || low <= 0) {
			return null;
		}
		return (double) margin / low;
	}

	/** Margin earned by flipping one full buy limit. */
	public static Long profitPerLimit(Long margin, Integer buyLimit) {
		if (margin == null || buyLimit == null) {
			return null;
		}
		return Math.multiplyExact(margin, (long) buyLimit);
	}

	/**
	 * High alchemy value minus the item's buy price ({@code low}) minus one nature rune
	 * ({@code natureRuneHigh}).
	 */
	public static Long highAlchProfit(Integer highAlch, Long low, Long natureRuneHigh) {
		if (highAlch == null || low == null || natureRuneHigh == null) {
			return null;
		}
		return highAlch - low - natureRuneHigh;
	}

}
