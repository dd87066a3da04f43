package com.gemetrics.api.price;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GeLimitsTest {

	static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

	@ParameterizedTest(name = "quantity {0} valid: {1}")
	@CsvSource({ "-1, false", "0, false", "1, true", "2147483647, true", "2147483648, false",
			"9223372036854775807, false" })
	void boundsQuantitiesToOneStack(long quantity, boolean valid) {
		assertThat(GeLimits.isValidQuantity(quantity)).isEqualTo(valid);
	}

	@ParameterizedTest(name = "price {0} valid: {1}")
	@CsvSource({ "-5, false", "0, false", "1, true", "2147483647, true", "2147483648, false" })
	void boundsPricesToOneCoinStack(long price, boolean valid) {
		assertThat(GeLimits.isValidPrice(price)).isEqualTo(valid);
	}

	@ParameterizedTest(name = "threshold {0} valid: {1}")
	@CsvSource({ "0, false", "1, true", "2147483647, true", "2147483648, false" })
	void boundsAlertThresholdsLikePrices(long threshold, boolean valid) {
		assertThat(GeLimits.isValidAlertThreshold(threshold)).isEqualTo(valid);
	}

	@Test
	void refusesTimesBeforeTheGrandExchangeOpened() {
		assertThat(GeLimits.isNotBeforeGeOpened(Instant.parse("2013-02-22T00:00:00Z"))).isTrue();
		assertThat(GeLimits.isNotBeforeGeOpened(Instant.parse("2013-02-21T23:59:59.999Z"))).isFalse();
		assertThat(GeLimits.isNotBeforeGeOpened(Instant.parse("-0987-06-01T00:00:00Z"))).isFalse();
	}

	@Test
	void allowsOnlyTheDocumentedClockSkewIntoTheFuture() {
		assertThat(GeLimits.isNotInFuture(NOW.plus(GeLimits.MAX_CLOCK_SKEW), NOW)).isTrue();
		assertThat(GeLimits.isNotInFuture(NOW.plus(GeLimits.MAX_CLOCK_SKEW).plusMillis(1), NOW)).isFalse();
		assertThat(GeLimits.isNotInFuture(Instant.MAX, NOW)).isFalse();
	}

	@Test
	void makesEveryTradeValueFitALong() {
		assertThat(GeLimits.MAX_TRADE_VALUE).isEqualTo(Math.multiplyExact(GeLimits.MAX_QUANTITY, GeLimits.MAX_PRICE));
		// one flip's revenue, tax or profit: sold quantities add up to at most one stack
		assertThat(Math.multiplyExact(GeLimits.MAX_QUANTITY, GeLimits.MAX_PRICE + GeLimits.MAX_PRICE)).isPositive();
	}

	@Test
	void boundsQueryTimesToTheGamesLifetimeAndFourDigitYears() {
		assertThat(GeLimits.isValidQueryTime(GeLimits.GE_OPENED)).isTrue();
		assertThat(GeLimits.isValidQueryTime(Instant.parse("9999-12-31T00:00:00Z"))).isTrue();
		assertThat(GeLimits.isValidQueryTime(Instant.parse("+10000-01-01T00:00:00Z"))).isFalse();
		// epoch seconds bound as epoch milliseconds: January 1970
		assertThat(GeLimits.isValidQueryTime(Instant.ofEpochMilli(1_748_240_400L))).isFalse();
	}

}
