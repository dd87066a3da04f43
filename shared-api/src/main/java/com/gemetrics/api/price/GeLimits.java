package com.gemetrics.api.price;

import java.time.Duration;
import java.time.Instant;

/**
 * The Grand Exchange's bounds on what a trade or an alert can be: the one place they
 * live, used at the edge (request validation), in the aggregates and in the CSV import.
 * One named method per rule.
 * <p>
 * What they prove for the read models: a quantity and a price are each at most
 * {@value #MAX_QUANTITY}, so one trade's value ({@code quantity × price}) is at most
 * {@link #MAX_TRADE_VALUE} ≈ 4.6 × 10<sup>18</sup>, below {@link Long#MAX_VALUE}. Within
 * one flip the sold quantities never add up to more than was bought, so a flip's revenue,
 * tax and profit fit a {@code long} too. Sums over many flips (per user, account, day or
 * item) have no such bound and are kept as exact, unbounded numbers.
 * <p>
 * Sources: OSRS launched with its Grand Exchange on 2013-02-22; a stack of one item and a
 * price are signed 32-bit integers in the game (the coin stack's maximum, 2,147,483,647).
 * Checked 2026-12-04.
 */
public final class GeLimits {

	/** When the Grand Exchange opened: no trade happened before. */
	public static final Instant GE_OPENED = Instant.parse("2013-02-22T00:00:00Z");

	/**
	 * How far a business time may be ahead of the server's clock (a client's clock
	 * running a little fast).
	 */
	public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	/** The largest quantity of one trade: the largest stack. */
	public static final long MAX_QUANTITY = Integer.MAX_VALUE;

	/**
	 * The lowest price per item: 1 coin (the GE takes no offer at 0; a loss of everything
	 * is a write-off, not a sale at 0).
	 */
	public static final long MIN_PRICE = 1;

	/** The highest price per item: the largest coin stack. */
	public static final long MAX_PRICE = Integer.MAX_VALUE;

	/** The largest value of one trade, {@code MAX_QUANTITY × MAX_PRICE}. */
	public static final long MAX_TRADE_VALUE = MAX_QUANTITY * MAX_PRICE;

	/** The lowest threshold of an alert rule (price or margin after tax), in coins. */
	public static final long MIN_ALERT_THRESHOLD = 1;

	/**
	 * The highest threshold of an alert rule: no price, and so no margin, is higher.
	 */
	public static final long MAX_ALERT_THRESHOLD = MAX_PRICE;

	/**
	 * The latest time a query range may name: ranges reach into the future ("until the
	 * end of time" as 9999-12-31), never past four-digit years.
	 */
	public static final Instant LATEST_QUERY_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

	private GeLimits() {
	}

	/** A quantity bought, sold or held is 1..{@value #MAX_QUANTITY}. */
	public static boolean isValidQuantity(long quantity) {
		return quantity >= 1 && quantity <= MAX_QUANTITY;
	}

	/** A price per item is {@value #MIN_PRICE}..{@value #MAX_PRICE} coins. */
	public static boolean isValidPrice(long pricePerItem) {
		return pricePerItem >= MIN_PRICE && pricePerItem <= MAX_PRICE;
	}

	/** A trade happened no earlier than {@link #GE_OPENED}. */
	public static boolean isNotBeforeGeOpened(Instant time) {
		return !time.isBefore(GE_OPENED);
	}

	/**
	 * A trade happened no later than {@code now} plus {@link #MAX_CLOCK_SKEW}.
	 * @param time the trade's time
	 * @param now the server's time when the request arrived
	 * @return whether it is not in the future
	 */
	public static boolean isNotInFuture(Instant time, Instant now) {
		return !time.isAfter(now.plus(MAX_CLOCK_SKEW));
	}

	/**
	 * An alert threshold is {@value #MIN_ALERT_THRESHOLD}..{@value #MAX_ALERT_THRESHOLD}.
	 */
	public static boolean isValidAlertThreshold(long threshold) {
		return threshold >= MIN_ALERT_THRESHOLD && threshold <= MAX_ALERT_THRESHOLD;
	}

	/**
	 * A time a query range names (journal, price history) lies between {@link #GE_OPENED}
	 * and {@link #LATEST_QUERY_TIME}: anything earlier holds no data, and refusing it
	 * catches epoch seconds sent where an instant (read as epoch milliseconds) was meant.
	 */
	public static boolean isValidQueryTime(Instant time) {
		return isNotBeforeGeOpened(time) && !time.isAfter(LATEST_QUERY_TIME);
	}

}
