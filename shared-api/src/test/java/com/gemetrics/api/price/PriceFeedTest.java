package com.gemetrics.api.price;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PriceFeedTest {

	private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

	private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	@Test
	void isStaleWithoutAnyGoodPoll() {
		assertThat(PriceFeed.isStale(null, NOW, FIVE_MINUTES)).isTrue();
	}

	@Test
	void isFreshUpToTheLimitAndStaleJustBeyondIt() {
		assertThat(PriceFeed.isStale(NOW, NOW, FIVE_MINUTES)).isFalse();
		assertThat(PriceFeed.isStale(NOW.minus(FIVE_MINUTES), NOW, FIVE_MINUTES)).isFalse();
		assertThat(PriceFeed.isStale(NOW.minus(FIVE_MINUTES).minusMillis(1), NOW, FIVE_MINUTES)).isTrue();
		assertThat(PriceFeed.isStale(NOW.minus(Duration.ofHours(1)), NOW, FIVE_MINUTES)).isTrue();
	}

	@Test
	void treatsAPollAheadOfThisClockAsFresh() {
		assertThat(PriceFeed.isStale(NOW.plusSeconds(2), NOW, FIVE_MINUTES)).isFalse();
	}

	@Test
	void refusesALimitThatIsNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> PriceFeed.isStale(NOW, NOW, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> PriceFeed.isStale(NOW, NOW, Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> PriceFeed.isStale(NOW, NOW, null));
	}

}
