package com.gemetrics.query.rollups;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlipLedgerTest {

	static final int WHIP = 4151;

	static final LocalDate MAY_20 = LocalDate.parse("2025-05-20");

	static final LocalDate JUNE_10 = LocalDate.parse("2025-06-10");

	@Test
	void anOpenFlipCountsItsBuyOnTheDayItWasBought() {
		FlipLedger flip = FlipLedger.opened(WHIP, 10, 1_700_000, at("2025-05-20T23:59:59Z"));

		assertThat(flip.contributions()).containsOnlyKeys(MAY_20);
		FlipFigures may20 = flip.contributions().get(MAY_20);
		assertThat(may20.flipsOpened()).isEqualTo(1);
		assertThat(may20.flipsClosed()).isZero();
		assertThat(may20.itemsBought()).isEqualTo(BigInteger.TEN);
		assertThat(may20.cost()).isEqualTo(BigInteger.valueOf(17_000_000));
	}

	@Test
	void salesCountOnTheirOwnDaysAfterTheTaxInForceAndTheFlipClosesOnTheLastOne() {
		FlipLedger flip = FlipLedger.opened(WHIP, 10, 1_700_000, at("2025-05-20T00:00:00Z"))
			.withSale("w1", 3, 1_750_000, at("2025-05-25T00:00:00Z"))
			.withSale("w2", 7, 1_800_000, at("2025-06-10T00:00:00Z"));

		Map<LocalDate, FlipFigures> days = flip.contributions();

		// 1% tax before 2025-05-29 (17,500), 2% after (36,000): as the journal computes.
		FlipFigures may25 = days.get(LocalDate.parse("2025-05-25"));
		assertThat(may25.sales()).isEqualTo(1);
		assertThat(may25.taxPaid()).isEqualTo(BigInteger.valueOf(3 * 17_500));
		assertThat(may25.realizedProfit()).isEqualTo(BigInteger.valueOf(97_500));
		assertThat(may25.flipsClosed()).isZero();
		FlipFigures june10 = days.get(JUNE_10);
		assertThat(june10.realizedProfit()).isEqualTo(BigInteger.valueOf(448_000));
		assertThat(june10.revenue()).isEqualTo(BigInteger.valueOf(12_600_000));
		assertThat(june10.flipsClosed()).isEqualTo(1);
	}

	@Test
	void aCorrectedSaleMovesToItsNewDayAndABuyCorrectionRestatesEverySale() {
		FlipLedger flip = FlipLedger.opened(WHIP, 10, 1_700_000, at("2025-05-20T00:00:00Z"))
			.withSale("w1", 10, 1_800_000, at("2025-06-10T00:00:00Z"))
			.withSale("w1", 10, 1_810_000, at("2025-07-10T00:00:00Z"))
			.withBuy(10, 1_690_000, at("2025-05-21T00:00:00Z"));

		Map<LocalDate, FlipFigures> days = flip.contributions();

		assertThat(days).containsOnlyKeys(LocalDate.parse("2025-05-21"), LocalDate.parse("2025-07-10"));
		FlipFigures july10 = days.get(LocalDate.parse("2025-07-10"));
		assertThat(july10.sales()).isEqualTo(1);
		assertThat(july10.realizedProfit()).isEqualTo(BigInteger.valueOf(10L * (1_810_000 - 36_200 - 1_690_000)));
		assertThat(july10.flipsClosed()).isEqualTo(1);
	}

	@Test
	void aWriteOffLosesTheBuyPriceAndClosesTheFlip() {
		FlipLedger flip = FlipLedger.opened(379, 1000, 150, at("2025-06-01T00:00:00Z"))
			.withSale("l1", 400, 200, at("2025-06-02T00:00:00Z"))
			.withWriteOff(600, at("2025-06-03T00:00:00Z"));

		FlipFigures june3 = flip.contributions().get(LocalDate.parse("2025-06-03"));

		assertThat(june3.itemsWrittenOff()).isEqualTo(BigInteger.valueOf(600));
		assertThat(june3.realizedProfit()).isEqualTo(BigInteger.valueOf(-90_000));
		assertThat(june3.flipsClosed()).isEqualTo(1);
		assertThat(june3.sales()).isZero();
	}

	@Test
	void aDeletedFlipContributesNothing() {
		FlipLedger flip = FlipLedger.opened(WHIP, 10, 1_700_000, at("2025-05-20T00:00:00Z"))
			.withSale("w1", 3, 1_750_000, at("2025-05-25T00:00:00Z"))
			.asDeleted();

		assertThat(flip.contributions()).isEmpty();
	}

	@Test
	void onlyADifferenceThatLowersACountCanEmptyADay() {
		FlipFigures sale = FlipFigures.sale(3, 100, 2, 150);

		assertThat(sale.realizedProfit()).isNegative();
		assertThat(sale.lowersACount()).as("a losing sale adds to its day").isFalse();
		assertThat(FlipFigures.ZERO.minus(sale).lowersACount()).as("a sale taken back").isTrue();
		assertThat(FlipFigures.opened(5, 10).minus(FlipFigures.opened(10, 10)).lowersACount())
			.as("a buy corrected to fewer items")
			.isTrue();
	}

	@Test
	void sumsBeyondALongAreExact() {
		FlipLedger flip = FlipLedger.opened(314, Long.MAX_VALUE, 2, at("2025-06-01T00:00:00Z"))
			.withSale("a", Long.MAX_VALUE / 2, 4, at("2025-06-01T01:00:00Z"))
			.withSale("b", Long.MAX_VALUE / 2 + 1, 4, at("2025-06-01T02:00:00Z"));

		FlipFigures day = flip.contributions().get(LocalDate.parse("2025-06-01"));

		assertThat(day.revenue()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(4)));
		assertThat(day.flipsClosed()).isEqualTo(1);
	}

	@Test
	void dailyAveragesAreVolumeWeightedAndTheMarginIsAfterTheTaxOfTheDaysStart() {
		ItemDayFigures figures = ItemDayFigures.of(WHIP, LocalDate.parse("2025-06-01"), BigDecimal.valueOf(3),
				BigDecimal.valueOf(1_000_000L + 2 * 1_300_000L), BigDecimal.valueOf(2),
				BigDecimal.valueOf(2 * 1_100_000L));

		assertThat(figures.avgHigh()).isEqualTo(1_200_000L);
		assertThat(figures.avgLow()).isEqualTo(1_100_000L);
		assertThat(figures.tax()).isEqualTo(24_000L);
		assertThat(figures.margin()).isEqualTo(76_000L);
		assertThat(ItemDayFigures.of(WHIP, LocalDate.parse("2025-06-01"), BigDecimal.ZERO, BigDecimal.ZERO,
				BigDecimal.ONE, BigDecimal.TEN))
			.isEqualTo(new ItemDayFigures(null, 10L, null, null));
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
