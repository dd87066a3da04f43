package com.gemetrics.api.flip;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FlipProfitTest {

	static final int WHIP = 4151;

	@Test
	void aSaleIsTaxedUnderTheRuleInForceWhenSold() {
		assertThat(FlipProfit.taxPerItem(WHIP, 1_800_000, Instant.parse("2025-06-10T00:00:00Z"))).isEqualTo(36_000);
		assertThat(FlipProfit.taxPerItem(WHIP, 1_800_000, Instant.parse("2022-06-10T00:00:00Z"))).isEqualTo(18_000);
		assertThat(FlipProfit.taxPerItem(WHIP, 1_800_000, Instant.parse("2021-01-01T00:00:00Z"))).isZero();
	}

	@Test
	void profitIsQuantityTimesSellLessTaxLessBuy() {
		assertThat(FlipProfit.profit(4, 1_800_000, 36_000, 1_700_000)).isEqualTo(4 * 64_000);
		assertThat(FlipProfit.profit(5, 0, 0, 1_000)).isEqualTo(-5_000);
	}

	@Test
	void refusesAProfitBeyondALong() {
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> FlipProfit.profit(Long.MAX_VALUE / 2, Integer.MAX_VALUE, 0, 1));
	}

	@Test
	void aFlipClosesOnceSalesAndWriteOffCoverTheBuy() {
		assertThat(FlipProfit.isClosed(10, 6, 3)).isFalse();
		assertThat(FlipProfit.isClosed(10, 6, 4)).isTrue();
		assertThat(FlipProfit.isClosed(10, 10, 0)).isTrue();
	}

}
