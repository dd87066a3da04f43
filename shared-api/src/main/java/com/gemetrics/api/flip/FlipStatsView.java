package com.gemetrics.api.flip;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The caller's trading figures over a range. Trade figures ({@code totalProfit},
 * {@code costOfSold}, {@code roi}, losses, best and worst items, profit per day) count
 * every sale and write-off whose time falls in the range; flip figures ({@code flips},
 * {@code averageProfitPerFlip}, {@code averageHoldSeconds}, {@code profitPerHour}) count
 * the flips that closed in the range.
 * <p>
 * Sums of coins and quantities are {@link BigInteger}s: they add up any number of flips,
 * so no bound makes them fit a {@code long}. JSON carries them as plain numbers.
 *
 * @param account the account asked for, or {@code null} for all
 * @param from start of the range (included), or {@code null}
 * @param to end of the range (excluded), or {@code null}
 * @param totals the figures over every account asked for
 * @param losingTrades sales and write-offs that lost money
 * @param totalLoss their summed (negative) profit
 * @param bestItems up to 5 items with the highest positive profit
 * @param worstItems up to 5 items with the lowest negative profit
 * @param profitPerDay profit per UTC day of sale, oldest first (days without trades are
 * left out)
 * @param accounts the same figures per account, by account name
 */
public record FlipStatsView(String account, Instant from, Instant to, Figures totals, long losingTrades,
		BigInteger totalLoss, List<ItemProfit> bestItems, List<ItemProfit> worstItems, List<DayProfit> profitPerDay,
		List<Figures> accounts) {

	/**
	 * Profit figures of one account, or of all.
	 *
	 * @param account the account ({@code null} in the totals)
	 * @param totalProfit profit after tax of the trades in the range
	 * @param costOfSold what the items of those trades cost to buy
	 * @param roi {@code totalProfit / costOfSold} ({@code null} when nothing was sold)
	 * @param trades sales and write-offs in the range
	 * @param flips flips closed in the range
	 * @param averageProfitPerFlip realized profit of those flips / {@code flips}
	 * @param averageHoldSeconds mean time from buy to close of those flips
	 * @param profitPerHour their realized profit / their summed holding time, in coins
	 * per hour ({@code null} when they were held no time at all)
	 */
	public record Figures(String account, BigInteger totalProfit, BigInteger costOfSold, Double roi, long trades,
			long flips, BigInteger averageProfitPerFlip, Long averageHoldSeconds, BigInteger profitPerHour) {
	}

	/**
	 * An item's profit in the range.
	 *
	 * @param itemId the item
	 * @param itemName its name ({@code null} if unknown)
	 * @param profit summed profit after tax
	 * @param quantity items sold or written off
	 */
	public record ItemProfit(int itemId, String itemName, BigInteger profit, BigInteger quantity) {
	}

	/**
	 * A day's profit.
	 *
	 * @param day the UTC day
	 * @param profit summed profit after tax of the trades that day
	 */
	public record DayProfit(LocalDate day, BigInteger profit) {
	}

}
