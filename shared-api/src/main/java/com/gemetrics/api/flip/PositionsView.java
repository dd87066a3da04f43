package com.gemetrics.api.flip;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * The caller's open positions: what is bought and not yet sold, per account and item,
 * valued at the item's latest instant-buy price ({@code high}). Quantities and coins
 * summed over flips are exact {@link BigInteger}s (any number of flips adds up).
 *
 * @param valuedAt the time the tax on a sale at {@code price} is computed for
 * @param positions by account, then item id
 */
public record PositionsView(Instant valuedAt, List<Position> positions) {

	/**
	 * One open position.
	 *
	 * @param account the OSRS account
	 * @param itemId the item
	 * @param itemName its name ({@code null} if unknown)
	 * @param openQuantity items held
	 * @param averageBuyPrice {@code cost / openQuantity}, rounded down
	 * @param cost what the held items cost
	 * @param price the latest {@code high}, or {@code null} when the item has none
	 * @param taxPerItem GE tax on selling one at {@code price} now
	 * @param value {@code openQuantity × price}
	 * @param unrealizedProfit {@code openQuantity × (price − taxPerItem) − cost}
	 */
	public record Position(String account, int itemId, String itemName, BigInteger openQuantity, long averageBuyPrice,
			BigInteger cost, Long price, Long taxPerItem, BigInteger value, BigInteger unrealizedProfit) {
	}

}
