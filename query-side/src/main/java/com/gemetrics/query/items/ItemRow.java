package com.gemetrics.query.items;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;

import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.ItemView;
import com.gemetrics.api.price.MarketMath;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.WindowAverage;

/**
 * One row of {@code read.item_summary}: catalogue facts, latest prices, window averages
 * and the figures derived from them. Immutable; each change returns a new row.
 */
record ItemRow(int itemId, String name, String examine, boolean members, Integer buyLimit, Integer lowAlch,
		Integer highAlch, Integer value, String icon, Long high, Instant highTime, Long low, Instant lowTime, Long tax,
		Long margin, Double roi, Long profitPerLimit, Long highAlchProfit, Long avgHigh5m, Long avgLow5m, Long volume5m,
		Long avgHigh1h, Long avgLow1h, Long volume1h, Instant pricesUpdatedAt, Instant updatedAt) {

	/** A row for an id seen before its catalogue entry: no name, nothing known. */
	static ItemRow unknown(int itemId) {
		return new ItemRow(itemId, null, null, false, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null);
	}

	ItemRow withCatalog(CatalogItem item) {
		return new ItemRow(this.itemId, item.name(), item.examine(), item.members(), item.limit(), item.lowAlch(),
				item.highAlch(), item.value(), item.icon(), this.high, this.highTime, this.low, this.lowTime, this.tax,
				this.margin, this.roi, this.profitPerLimit, this.highAlchProfit, this.avgHigh5m, this.avgLow5m,
				this.volume5m, this.avgHigh1h, this.avgLow1h, this.volume1h, this.pricesUpdatedAt, this.updatedAt);
	}

	ItemRow withQuote(PriceQuote quote, Instant observedAt) {
		return new ItemRow(this.itemId, this.name, this.examine, this.members, this.buyLimit, this.lowAlch,
				this.highAlch, this.value, this.icon, quote.high(), micros(quote.highTime()), quote.low(),
				micros(quote.lowTime()), this.tax, this.margin, this.roi, this.profitPerLimit, this.highAlchProfit,
				this.avgHigh5m, this.avgLow5m, this.volume5m, this.avgHigh1h, this.avgLow1h, this.volume1h,
				micros(observedAt), this.updatedAt);
	}

	/**
	 * This row's 5-minute window: the item's averages, or nothing traded when
	 * {@code average} is null.
	 */
	ItemRow withFiveMinuteWindow(WindowAverage average) {
		return new ItemRow(this.itemId, this.name, this.examine, this.members, this.buyLimit, this.lowAlch,
				this.highAlch, this.value, this.icon, this.high, this.highTime, this.low, this.lowTime, this.tax,
				this.margin, this.roi, this.profitPerLimit, this.highAlchProfit,
				(average != null) ? average.avgHighPrice() : null, (average != null) ? average.avgLowPrice() : null,
				(average != null) ? average.volume() : 0L, this.avgHigh1h, this.avgLow1h, this.volume1h,
				this.pricesUpdatedAt, this.updatedAt);
	}

	/**
	 * This row's 1-hour window: the item's averages, or nothing traded when
	 * {@code average} is null.
	 */
	ItemRow withOneHourWindow(WindowAverage average) {
		return new ItemRow(this.itemId, this.name, this.examine, this.members, this.buyLimit, this.lowAlch,
				this.highAlch, this.value, this.icon, this.high, this.highTime, this.low, this.lowTime, this.tax,
				this.margin, this.roi, this.profitPerLimit, this.highAlchProfit, this.avgHigh5m, this.avgLow5m,
				this.volume5m, (average != null) ? average.avgHighPrice() : null,
				(average != null) ? average.avgLowPrice() : null, (average != null) ? average.volume() : 0L,
				this.pricesUpdatedAt, this.updatedAt);
	}

	/**
	 * The derived figures recomputed under the tax rule in force at {@code asOf}, with
	 * {@code natureRuneHigh} as the cost of one high-alchemy cast.
	 */
	ItemRow derived(Instant asOf, Long natureRuneHigh) {
		Long newTax = MarketMath.tax(this.itemId, this.high, asOf);
		Long newMargin = MarketMath.marginAfterTax(this.itemId, this.high, this.low, asOf);
		return new ItemRow(this.itemId, this.name, this.examine, this.members, this.buyLimit, this.lowAlch,
				this.highAlch, this.value, this.icon, this.high, this.highTime, this.low, this.lowTime, newTax,
				newMargin, MarketMath.roi(newMargin, this.low), MarketMath.profitPerLimit(newMargin, this.buyLimit),
				MarketMath.highAlchProfit(this.highAlch, this.low, natureRuneHigh), this.avgHigh5m, this.avgLow5m,
				this.volume5m, this.avgHigh1h, this.avgLow1h, this.volume1h, this.pricesUpdatedAt, this.updatedAt);
	}

	/**
	 * Whether the row holds a window of that timestep, i.e. whether a window in which the
	 * item did not trade changes it.
	 */
	boolean hasWindow(boolean fiveMinutes) {
		return fiveMinutes ? !windowEmpty(this.avgHigh5m, this.avgLow5m, this.volume5m)
				: !windowEmpty(this.avgHigh1h, this.avgLow1h, this.volume1h);
	}

	private static boolean windowEmpty(Long avgHigh, Long avgLow, Long volume) {
		return avgHigh == null && avgLow == null && Long.valueOf(0).equals(volume);
	}

	ItemRow withUpdatedAt(Instant at) {
		return new ItemRow(this.itemId, this.name, this.examine, this.members, this.buyLimit, this.lowAlch,
				this.highAlch, this.value, this.icon, this.high, this.highTime, this.low, this.lowTime, this.tax,
				this.margin, this.roi, this.profitPerLimit, this.highAlchProfit, this.avgHigh5m, this.avgLow5m,
				this.volume5m, this.avgHigh1h, this.avgLow1h, this.volume1h, this.pricesUpdatedAt, at);
	}

	/** Whether anything but {@code updatedAt} differs. */
	boolean sameContentAs(ItemRow other) {
		return other != null && Objects.equals(withUpdatedAt(null), other.withUpdatedAt(null));
	}

	/**
	 * The fingerprint of a whole table of rows, equal to what
	 * {@link ItemSummaryRepository#version()} reads back: the row count and the latest
	 * {@code updatedAt} in epoch microseconds.
	 */
	static String version(Collection<ItemRow> rows) {
		long latest = 0;
		for (ItemRow row : rows) {
			Instant at = row.updatedAt();
			if (at != null) {
				latest = Math.max(latest,
						Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000));
			}
		}
		return rows.size() + "/" + latest;
	}

	/**
	 * The time part of a {@link #version}: later writes have larger values; -1 when
	 * unknown.
	 */
	static long versionMicros(String version) {
		int slash = (version != null) ? version.indexOf('/') : -1;
		if (slash < 0) {
			return -1;
		}
		try {
			return Long.parseLong(version.substring(slash + 1));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Postgres keeps microseconds: truncate so a reloaded row equals the one written. */
	static Instant micros(Instant at) {
		return (at != null) ? at.truncatedTo(ChronoUnit.MICROS) : null;
	}

	/** The view the API serves; staleness is overlaid later by each instance. */
	ItemView toView() {
		return new ItemView(this.itemId, this.name, this.members, this.buyLimit, this.highAlch, this.lowAlch,
				this.value, this.icon, this.high, this.highTime, this.low, this.lowTime, this.tax, this.margin,
				this.roi, this.profitPerLimit, this.highAlchProfit, this.volume5m, this.volume1h, false);
	}

}
