package com.gemetrics.query.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FlipCursorTest {

	@Test
	void decodesWhatItEncodes() {
		FlipCursor cursor = new FlipCursor(Instant.parse("2025-06-01T12:34:56.123456Z"), UUID.randomUUID());

		assertThat(FlipCursor.decode(cursor.encode())).contains(cursor);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "!!!!", "djE6MTIzOm5vdC1hLXV1aWQ",
			"djI6MTIzOjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA" })
	void refusesWhatItDidNotIssue(String token) {
		assertThat(FlipCursor.decode(token)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(longs = { Long.MIN_VALUE, -9_000_000_000_000_000_000L, -250_000_000_000_000_000L })
	void refusesATimePostgresqlCannotHold(long micros) {
		String raw = "v1:" + micros + ":" + UUID.randomUUID();
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));

		assertThat(FlipCursor.decode(token)).isEmpty();
	}

	@Test
	void refusesATimeThatIsNotANumber() {
		String raw = "v1:soon:" + UUID.randomUUID();
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));

		assertThat(FlipCursor.decode(token)).isEmpty();
	}

}
