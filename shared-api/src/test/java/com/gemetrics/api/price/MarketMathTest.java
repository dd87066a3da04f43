package com.gemetrics.api.price;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarketMathTest {

	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void marginIsHighMinusLowMinusTaxOnHigh() {
		assertThat(MarketMath.marginAfterTax(4151, 1_500_000L, 1_450_000L, NOW)).isEqualTo(50_000 - 30_000);
	}

	@Test
	void marginOfAnExemptItemPaysNoTax() {
		assertThat(MarketMath.marginAfterTax(13190, 10_000_000L, 9_000_000L, NOW)).isEqualTo(1_000_000);
	}

	@Test
	void missingPriceGivesNullFiguresNotZero() {
		assertThat(MarketMath.marginAfterTax(4151, null, 100L, NOW)).isNull();
		assertThat(MarketMath.tax(4151, null, NOW)).isNull();
		assertThat(MarketMath.roi(null, 100L)).isNull();
		assertThat(MarketMath.roi(10L, 0L)).isNull();
		assertThat(MarketMath.profitPerLimit(10L, null)).isNull();
		assertThat(MarketMath.highAlchProfit(100, 50L, null)).isNull();
	}

	@Test
	void roiIsAFractionOfTheBuyPrice() {
		assertThat(MarketMath.roi(25L, 100L)).isEqualTo(0.25);
		assertThat(MarketMath.roi(-10L, 100L)).isEqualTo(-0.1);
	}

	@Test
	void profitPerLimitDoesNotOverflowInt() {
		assertThat(MarketMath.profitPerLimit(2_000_000_000L, 25_000)).isEqualTo(50_000_000_000_000L);
	}

	@Test
	void highAlchProfitSubtractsBuyPriceAndOneNatureRune() {
		assertThat(MarketMath.highAlchProfit(72_000, 70_000L, 150L)).isEqualTo(1_850);
	}

}
