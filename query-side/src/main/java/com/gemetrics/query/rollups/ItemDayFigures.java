package com.gemetrics.query.rollups;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.gemetrics.api.price.GeTax;

/**
 * The derived columns of one {@code read.item_daily} row, from its sums: volume-weighted
 * average prices (rounded half up to whole coins), the GE tax on selling one item at the
 * average high under the rule in force at the start of the day, and the margin after tax.
 * A figure that needs a side without volume is {@code null}.
 *
 * @param avgHigh average instant-buy price
 * @param avgLow average instant-sell price
 * @param tax GE tax per item at {@code avgHigh}
 * @param margin {@code avgHigh − avgLow − tax}
 */
record ItemDayFigures(Long avgHigh, Long avgLow, Long tax, Long margin) {

	static ItemDayFigures of(int itemId, LocalDate day, BigDecimal highVolume, BigDecimal highValue,
			BigDecimal lowVolume, BigDecimal lowValue) {
		Long avgHigh = average(highValue, highVolume);
		Long avgLow = average(lowValue, lowVolume);
		Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
		Long tax = (avgHigh != null) ? GeTax.taxPerItem(itemId, avgHigh, dayStart) : null;
		Long margin = null;
		if (avgHigh != null && avgLow != null) {
			try {
				margin = Math.subtractExact(Math.subtractExact(avgHigh, avgLow), tax);
			}
			catch (ArithmeticException ex) {
				margin = null;
			}
		}
		return new ItemDayFigures(avgHigh, avgLow, tax, margin);
	}

	private static Long average(BigDecimal value, BigDecimal volume) {
		if (volume == null || volume.signum() <= 0) {
			return null;
		}
		try {
			return value.divide(volume, 0, RoundingMode.HALF_UP).longValueExact();
		}
		catch (ArithmeticException ex) {
			return null;
		}
	}

}
