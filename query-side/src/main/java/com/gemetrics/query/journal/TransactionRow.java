package com.gemetrics.query.journal;

import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.flip.FlipProfit;

/**
 * One row of {@code read.user_transactions}: a sale, or the write-off of a flip's unsold
 * rest (sold for nothing, untaxed).
 *
 * @param flipId the flip
 * @param saleId the sale's id, or {@link #WRITE_OFF_ID}
 * @param kind {@link #SALE} or {@link #WRITE_OFF}
 * @param quantity items sold or written off
 * @param sellPrice price per item before tax (0 for a write-off)
 * @param taxPerItem GE tax per item under the rule in force at {@code soldAt}
 * @param soldAt when
 */
record TransactionRow(UUID flipId, String saleId, String kind, long quantity, long sellPrice, long taxPerItem,
		Instant soldAt) {

	static final String SALE = "sale";

	static final String WRITE_OFF = "write-off";

	static final String WRITE_OFF_ID = "write-off";

	/** A sale, taxed under the GE tax rule in force when it was sold. */
	static TransactionRow sale(UUID flipId, String saleId, int itemId, long quantity, long sellPrice, Instant soldAt) {
		return new TransactionRow(flipId, saleId, SALE, quantity, sellPrice,
				FlipProfit.taxPerItem(itemId, sellPrice, soldAt), JournalTimes.micros(soldAt));
	}

	/** The unsold rest of a flip, written off: no price, no tax. */
	static TransactionRow writeOff(UUID flipId, long quantity, Instant writtenOffAt) {
		return new TransactionRow(flipId, WRITE_OFF_ID, WRITE_OFF, quantity, 0, 0, JournalTimes.micros(writtenOffAt));
	}

	/** {@code quantity × (sell − tax(sell) − buy)} ({@link FlipProfit#profit}). */
	long profit(long buyPrice) {
		return profit(this.quantity, this.sellPrice, this.taxPerItem, buyPrice);
	}

	static long profit(long quantity, long sellPrice, long taxPerItem, long buyPrice) {
		return FlipProfit.profit(quantity, sellPrice, taxPerItem, buyPrice);
	}

}
