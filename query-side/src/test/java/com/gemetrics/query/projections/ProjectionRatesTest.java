package com.gemetrics.query.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class ProjectionRatesTest {

	static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

	final ProjectionRates rates = new ProjectionRates(mock(ProjectionPositions.class), Clock.fixed(T0, ZoneOffset.UTC),
			new ProjectionsProperties(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(30), 100,
					Duration.ofSeconds(2), Duration.ofSeconds(30)));

	@Test
	void noRateUntilTwoReadingsASecondApart() {
		assertThat(this.rates.rate("journal")).isNull();
		this.rates.record("journal", T0, 100);
		this.rates.record("journal", T0.plusMillis(500), 200);

		assertThat(this.rates.rate("journal")).isNull();
	}

	@Test
	void rateIsTheEventsAppliedOverTheWindow() {
		this.rates.record("journal", T0, 1_000);
		this.rates.record("journal", T0.plusSeconds(5), 11_000);
		this.rates.record("journal", T0.plusSeconds(10), 21_000);

		assertThat(this.rates.rate("journal")).isEqualTo(2_000.0);
	}

	@Test
	void readingsOlderThanTheWindowAreForgotten() {
		this.rates.record("journal", T0, 0);
		this.rates.record("journal", T0.plusSeconds(100), 100_000);
		this.rates.record("journal", T0.plusSeconds(170), 100_700);
		this.rates.record("journal", T0.plusSeconds(180), 100_800);

		assertThat(this.rates.rate("journal")).isEqualTo(10.0);
	}

	@Test
	void aResetStartsTheMeasureAgain() {
		this.rates.record("journal", T0, 50_000);
		this.rates.record("journal", T0.plusSeconds(5), 0);
		this.rates.record("journal", T0.plusSeconds(10), 5_000);

		assertThat(this.rates.rate("journal")).isEqualTo(1_000.0);
	}

}
