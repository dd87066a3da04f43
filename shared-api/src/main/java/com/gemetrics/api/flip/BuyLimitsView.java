package com.gemetrics.api.flip;

import java.time.Instant;
import java.util.List;

/**
 * The caller's buy-limit ledger: per account and item bought in the last 4 hours, how
 * much of the item's GE buy limit is used and when the window resets.
 *
 * @param at the time the window ends
 * @param windowHours the window's length (4)
 * @param limits by account, then item id
 */
public record BuyLimitsView(Instant at, int windowHours, List<BuyLimit> limits) {

	/**
	 * One account's use of one item's buy limit.
	 *
	 * @param account the OSRS account
	 * @param itemId the item
	 * @param itemName its name ({@code null} if unknown)
	 * @param limit the item's 4-hour buy limit ({@code null} when {@code /mapping} has
	 * none)
	 * @param used items bought in the window
	 * @param remaining {@code max(0, limit − used)} ({@code null} without a limit)
	 * @param resetsAt the earliest buy in the window + 4 h
	 */
	public record BuyLimit(String account, int itemId, String itemName, Integer limit, long used, Long remaining,
			Instant resetsAt) {
	}

}
