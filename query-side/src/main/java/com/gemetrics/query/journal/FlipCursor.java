package com.gemetrics.query.journal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The keyset cursor of a page of flips: the buy time and id of the last flip served
 * (pages are ordered by buy time, then id, both descending). Opaque to clients: URL-safe
 * Base64 of {@code v1:<epoch micros>:<flip id>}.
 *
 * @param boughtAt buy time of the last flip served
 * @param flipId its id
 */
record FlipCursor(Instant boughtAt, UUID flipId) {

	private static final String VERSION = "v1";

	private static final int MAX_LENGTH = 128;

	String encode() {
		String raw = VERSION + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, this.boughtAt) + ":" + this.flipId;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The earliest time PostgreSQL's {@code TIMESTAMPTZ} holds (a flip stored before the
	 * bounds of {@code GeLimits} may be that old): a cursor before it is forged. The
	 * latest a cursor can name (microseconds in a {@code long}: year 294247) is within
	 * PostgreSQL's range.
	 */
	static final Instant EARLIEST = Instant.parse("-4712-01-01T00:00:00Z");

	/** The cursor a client sent, or empty when it is not one this server issued. */
	static Optional<FlipCursor> decode(String token) {
		if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
			String[] parts = raw.split(":", -1);
			if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].length() != 36) {
				return Optional.empty();
			}
			Instant boughtAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
			if (boughtAt.isBefore(EARLIEST)) {
				return Optional.empty();
			}
			return Optional.of(new FlipCursor(boughtAt, UUID.fromString(parts[2])));
		}
		catch (IllegalArgumentException | ArithmeticException | DateTimeException ex) {
			return Optional.empty();
		}
	}

}
