package com.gemetrics.query.rollups;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.gemetrics.api.price.GeTax;

/**
 * One flip as the rollups remember it (stored as JSON in {@code read.rollup_flips}): the
 * buy as last corrected, each sale as last corrected, the write-offs; or nothing once it
 * was deleted. {@link #contributions()} is what it adds to {@code read.flip_daily}, with
 * the same rules as the journal: profit after the GE tax in force at each sale; closed
 * once sold and written off reach the quantity, on the day of the latest of them. Times
 * are truncated to microseconds, as PostgreSQL and the journal keep them.
 *
 * @param itemId the item
 * @param quantity items bought
 * @param buyPrice price paid per item
 * @param boughtAt when
 * @param sales each sale by its id
 * @param writeOffs the write-offs
 * @param deleted whether the owner deleted the flip
 */
record FlipLedger(int itemId, long quantity, long buyPrice, Instant boughtAt, Map<String, Trade> sales,
		List<Trade> writeOffs, boolean deleted) {

	FlipLedger {
		sales = new TreeMap<>(sales);
		writeOffs = List.copyOf(writeOffs);
		boughtAt = micros(boughtAt);
	}

	static FlipLedger opened(int itemId, long quantity, long buyPrice, Instant boughtAt) {
		return new FlipLedger(itemId, quantity, buyPrice, boughtAt, Map.of(), List.of(), false);
	}

	/** A sale recorded, or a recorded sale corrected: these are its figures now. */
	FlipLedger withSale(String saleId, long saleQuantity, long price, Instant soldAt) {
		Map<String, Trade> next = new TreeMap<>(this.sales);
		next.put(saleId, new Trade(saleQuantity, price, micros(soldAt)));
		return new FlipLedger(this.itemId, this.quantity, this.buyPrice, this.boughtAt, next, this.writeOffs,
				this.deleted);
	}

	FlipLedger withBuy(long newQuantity, long newBuyPrice, Instant newBoughtAt) {
		return new FlipLedger(this.itemId, newQuantity, newBuyPrice, newBoughtAt, this.sales, this.writeOffs,
				this.deleted);
	}

	FlipLedger withWriteOff(long writtenOff, Instant at) {
		List<Trade> next = new ArrayList<>(this.writeOffs);
		next.add(new Trade(writtenOff, 0, micros(at)));
		return new FlipLedger(this.itemId, this.quantity, this.buyPrice, this.boughtAt, this.sales, next, this.deleted);
	}

	FlipLedger asDeleted() {
		return new FlipLedger(this.itemId, this.quantity, this.buyPrice, this.boughtAt, Map.of(), List.of(), true);
	}

	/** What this flip adds to each UTC day of its item; nothing once deleted. */
	Map<LocalDate, FlipFigures> contributions() {
		Map<LocalDate, FlipFigures> days = new TreeMap<>();
		if (this.deleted) {
			return days;
		}
		add(days, this.boughtAt, FlipFigures.opened(this.quantity, this.buyPrice));
		BigInteger done = BigInteger.ZERO;
		Instant last = null;
		for (Trade sale : this.sales.values()) {
			long tax = GeTax.taxPerItem(this.itemId, sale.price(), sale.at());
			add(days, sale.at(), FlipFigures.sale(sale.quantity(), sale.price(), tax, this.buyPrice));
			done = done.add(BigInteger.valueOf(sale.quantity()));
			last = latest(last, sale.at());
		}
		for (Trade writeOff : this.writeOffs) {
			add(days, writeOff.at(), FlipFigures.writeOff(writeOff.quantity(), this.buyPrice));
			done = done.add(BigInteger.valueOf(writeOff.quantity()));
			last = latest(last, writeOff.at());
		}
		if (last != null && done.compareTo(BigInteger.valueOf(this.quantity)) >= 0) {
			add(days, last, FlipFigures.closed());
		}
		return days;
	}

	static LocalDate day(Instant at) {
		return LocalDate.ofInstant(at, ZoneOffset.UTC);
	}

	private static void add(Map<LocalDate, FlipFigures> days, Instant at, FlipFigures figures) {
		days.merge(day(at), figures, FlipFigures::plus);
	}

	private static Instant latest(Instant a, Instant b) {
		return (a == null || b.isAfter(a)) ? b : a;
	}

	private static Instant micros(Instant at) {
		return (at != null) ? at.truncatedTo(ChronoUnit.MICROS) : null;
	}

	/**
	 * A sale or write-off.
	 *
	 * @param quantity items
	 * @param price price per item before tax (0 for a write-off)
	 * @param at when
	 */
	record Trade(long quantity, long price, Instant at) {
	}

}
