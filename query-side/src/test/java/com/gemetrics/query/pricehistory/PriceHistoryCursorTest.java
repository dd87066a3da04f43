package com.gemetrics.query.pricehistory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import com.gemetrics.api.price.Timestep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PriceHistoryCursorTest {

	@Test
	void decodesWhatItEncodes() {
		PriceHistoryCursor cursor = new PriceHistoryCursor(8778, Timestep.ONE_HOUR,
				Instant.parse("2022-06-13T16:00:00.123456Z"));

		assertThat(PriceHistoryCursor.decode(cursor.encode())).contains(cursor);
	}

	@Test
	void isUrlSafe() {
		String token = new PriceHistoryCursor(Integer.MAX_VALUE, Timestep.FIVE_MINUTES,
				Instant.parse("2099-12-31T23:55:00Z"))
			.encode();

		assertThat(token).matches("[A-Za-z0-9_-]+");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not-a-cursor", "%%%", "djE6ODc3ODoxaDo", "djI6ODc3ODoxaDox", "djE6ODc3ODoxZDox",
			"djE6YWJjOjFoOjE", "djE6ODc3ODoxaDo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ" })
	void rejectsWhatItDidNotIssue(String token) {
		assertThat(PriceHistoryCursor.decode(token)).isEmpty();
	}

	@Test
	void rejectsATimeOutsideTheGamesLifetime() {
		assertThat(PriceHistoryCursor
			.decode(new PriceHistoryCursor(2, Timestep.ONE_HOUR, Instant.parse("2000-01-01T00:00:00Z")).encode()))
			.isEmpty();
		String farFuture = "v1:2:1h:" + Long.MAX_VALUE;
		assertThat(PriceHistoryCursor.decode(
				Base64.getUrlEncoder().withoutPadding().encodeToString(farFuture.getBytes(StandardCharsets.US_ASCII))))
			.isEmpty();
	}

	@Test
	void rejectsAnOverlongToken() {
		assertThat(PriceHistoryCursor.decode("A".repeat(200))).isEmpty();
	}

}
