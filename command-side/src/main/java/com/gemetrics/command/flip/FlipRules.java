package com.gemetrics.command.flip;

import com.gemetrics.api.flip.AccountNames;

import java.time.Instant;

/**
 * The flip rules on a buy's or a sale's own values, one method per rule. The {@link Flip}
 * aggregate enforces them on every command, and {@link FlipImports} checks every CSV row
 * with the same methods before it sends anything, so an import can never accept what a
 * command would refuse. Each broken rule throws {@link FlipRejected} with its
 * {@link FlipError}.
 */
final class FlipRules {

	/** Prices per item are 1..2,147,483,647 coins, the Grand Exchange's range. */
	static final long MAX_PRICE_PER_ITEM = Integer.MAX_VALUE;

	/** The account a flip is on when the caller names none. */
	static final String DEFAULT_ACCOUNT = AccountNames.DEFAULT;

	/** 1..32 of A-Z, a-z, 0-9, space, _ and -, not starting or ending with a space. */

	private FlipRules() {
	}

	static void requireValidAccount(String account) {
		if (!AccountNames.isValid(account)) {
			throw new FlipRejected(FlipError.INVALID_ACCOUNT);
		}
	}

	static void requireValidTrade(long quantity, long pricePerItem) {
		if (quantity <= 0) {
			throw new FlipRejected(FlipError.QUANTITY_NOT_POSITIVE);
		}
		if (pricePerItem < 1 || pricePerItem > MAX_PRICE_PER_ITEM) {
			throw new FlipRejected(FlipError.PRICE_OUT_OF_RANGE);
		}
		try {
			Math.multiplyExact(quantity, pricePerItem);
		}
		catch (ArithmeticException ex) {
			throw new FlipRejected(FlipError.TOTAL_OUT_OF_RANGE);
		}
	}

	static void requireNotInFuture(Instant time, Instant requestedAt) {
		if (time.isAfter(requestedAt)) {
			throw new FlipRejected(FlipError.TIME_IN_FUTURE);
		}
	}

	static void requireSaleNotBeforeBuy(Instant soldAt, Instant boughtAt) {
		if (soldAt.isBefore(boughtAt)) {
			throw new FlipRejected(FlipError.SALE_BEFORE_BUY);
		}
	}

	/**
	 * Sales and write-offs never add up to more than was bought.
	 * @param quantity how many would be sold (or are already sold and written off, when
	 * the buy is corrected)
	 * @param available how many there are for them (the bought quantity less what is gone
	 * otherwise; never negative)
	 */
	static void requireNotOversold(long quantity, long available) {
		if (quantity > available) {
			throw new FlipRejected(FlipError.OVERSOLD);
		}
	}

}
