package com.gemetrics.command.flip;

import java.time.Instant;

import com.gemetrics.api.flip.AccountNames;
import com.gemetrics.api.price.GeLimits;

/**
 * The flip rules on a buy's or a sale's own values, one method per rule. The {@link Flip}
 * aggregate enforces them on every command, and {@link FlipImports} checks every CSV row
 * with the same methods before it sends anything, so an import can never accept what a
 * command would refuse. Each broken rule throws {@link FlipRejected} with its
 * {@link FlipError}. The bounds themselves (quantities, prices, the Grand Exchange's
 * lifetime, the clock skew allowed) are {@link GeLimits}'.
 */
final class FlipRules {

	/** The account a flip is on when the caller names none. */
	static final String DEFAULT_ACCOUNT = AccountNames.DEFAULT;

	private FlipRules() {
	}

	static void requireValidAccount(String account) {
		if (!AccountNames.isValid(account)) {
			throw new FlipRejected(FlipError.INVALID_ACCOUNT);
		}
	}

	/**
	 * A buy's or sale's quantity is 1..{@value GeLimits#MAX_QUANTITY} and its price
	 * {@value GeLimits#MIN_PRICE}..{@value GeLimits#MAX_PRICE}, so its value always fits
	 * a {@code long} (and so do a flip's totals: see {@link GeLimits}).
	 */
	static void requireValidTrade(long quantity, long pricePerItem) {
		if (quantity < 1) {
			throw new FlipRejected(FlipError.QUANTITY_NOT_POSITIVE);
		}
		if (!GeLimits.isValidQuantity(quantity)) {
			throw new FlipRejected(FlipError.QUANTITY_TOO_LARGE);
		}
		if (!GeLimits.isValidPrice(pricePerItem)) {
			throw new FlipRejected(FlipError.PRICE_OUT_OF_RANGE);
		}
	}

	/**
	 * A buy or sale happened while the Grand Exchange existed: not before it opened, and
	 * not later than the request's arrival plus {@link GeLimits#MAX_CLOCK_SKEW}.
	 */
	static void requireValidTime(Instant time, Instant requestedAt) {
		if (!GeLimits.isNotBeforeGeOpened(time)) {
			throw new FlipRejected(FlipError.TIME_BEFORE_GE_OPENED);
		}
		if (!GeLimits.isNotInFuture(time, requestedAt)) {
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
