package com.gemetrics.command.price;

import java.time.Instant;

import com.gemetrics.api.price.PriceQuote;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatestPricesTest {

	static final Instant T0 = Instant.parse("2025-05-26T07:00:00Z");

	static final Instant T1 = T0.plusSeconds(60);

	static final PriceQuote KEPT = new PriceQuote(2, 193L, T0, 188L, T0);

	@Test
	void takesANewerPriceOnEachSide() {
		assertThat(LatestPrices.merge(KEPT, new PriceQuote(2, 200L, T1, 190L, T1)))
			.isEqualTo(new PriceQuote(2, 200L, T1, 190L, T1));
	}

	@Test
	void neverErasesALastGoodPriceWithANullOrDroppedSide() {
		assertThat(LatestPrices.merge(KEPT, new PriceQuote(2, null, null, 190L, T1)))
			.isEqualTo(new PriceQuote(2, 193L, T0, 190L, T1));
	}

	@Test
	void neverGoesBackInTime() {
		assertThat(LatestPrices.merge(KEPT, new PriceQuote(2, 150L, T0.minusSeconds(1), 100L, null))).isEqualTo(KEPT);
	}

	@Test
	void keepsAFirstQuoteAsObservedNullsIncluded() {
		PriceQuote first = new PriceQuote(30000, null, null, 5L, T0);

		assertThat(LatestPrices.merge(null, first)).isEqualTo(first);
	}

}
