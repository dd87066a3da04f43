package com.gemetrics.api.price;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GeTaxTest {

	static final Instant AFTER_2025_CHANGE = Instant.parse("2025-06-01T00:00:00Z");

	static final Instant BEFORE_2025_CHANGE = Instant.parse("2025-05-01T00:00:00Z");

	static final int ABYSSAL_WHIP = 4151;

	@ParameterizedTest(name = "sell at {0} pays {1}")
	@CsvSource({ "1, 0", "49, 0", "50, 1", "99, 1", "100, 2", "1499, 29", "2000000, 40000", "250000000, 5000000",
			"250000049, 5000000", "2147483647, 5000000" })
	void chargesTwoPercentFlooredAndCappedSince2025(long price, long tax) {
		assertThat(GeTax.taxPerItem(ABYSSAL_WHIP, price, AFTER_2025_CHANGE)).isEqualTo(tax);
	}

	@ParameterizedTest(name = "sell at {0} paid {1}")
	@CsvSource({ "99, 0", "100, 1", "199, 1", "2000000, 20000", "500000000, 5000000" })
	void chargedOnePercentBeforeMay2025(long price, long tax) {
		assertThat(GeTax.taxPerItem(ABYSSAL_WHIP, price, BEFORE_2025_CHANGE)).isEqualTo(tax);
	}

	@Test
	void switchesRuleAtTheExactEffectiveInstant() {
		Instant change = Instant.ofEpochSecond(1_748_514_600L);
		assertThat(GeTax.taxPerItem(ABYSSAL_WHIP, 10_000, change.minusSeconds(1))).isEqualTo(100);
		assertThat(GeTax.taxPerItem(ABYSSAL_WHIP, 10_000, change)).isEqualTo(200);
	}

	@Test
	void chargedNothingBeforeTheTaxExisted() {
		assertThat(GeTax.taxPerItem(ABYSSAL_WHIP, 10_000_000, Instant.parse("2021-12-08T23:59:59Z"))).isZero();
	}

	@ParameterizedTest(name = "item {0} is exempt")
	@CsvSource({ "13190", "2347", "5331", "558", "379", "3008", "28824", "2552", "3853" })
	void neverTaxesExemptItemsToday(int itemId) {
		assertThat(GeTax.taxPerItem(itemId, 10_000_000, AFTER_2025_CHANGE)).isZero();
	}

	@Test
	void taxedFoodBeforeItBecameExempt() {
		int lobster = 379;
		assertThat(GeTax.taxPerItem(lobster, 200, BEFORE_2025_CHANGE)).isEqualTo(2);
		assertThat(GeTax.taxPerItem(lobster, 200, AFTER_2025_CHANGE)).isZero();
	}

	@Test
	void exemptsExactlyTheFortyEightItemsTheWikiLists() {
		assertThat(GeTax.ruleAt(AFTER_2025_CHANGE).exemptItemIds()).hasSize(48);
		assertThat(GeTax.ruleAt(BEFORE_2025_CHANGE).exemptItemIds()).hasSize(14);
	}

}
