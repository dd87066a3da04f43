package com.gemetrics.query.pricehistory;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

import com.gemetrics.api.price.GeLimits;
import com.gemetrics.api.price.Timestep;

/**
 * The keyset cursor of a price-history page: the item, timestep and start of the last
 * bucket served. Opaque to clients (URL-safe Base64 of
 * {@code v1:<item>:<timestep>:<epoch micros>}); a cursor is only valid for the item and
 * timestep it was issued for.
 *
 * @param itemId the item id
 * @param timestep the bucket length
 * @param after start of the last bucket served
 */
record PriceHistoryCursor(int itemId, Timestep timestep, Instant after) {

	private static final String VERSION = "v1";

	private static final int MAX_LENGTH = 128;

	String encode() {
		String raw = VERSION + ":" + this.itemId + ":" + this.timestep.code() + ":"
				+ ChronoUnit.MICROS.between(Instant.EPOCH, this.after);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
	}

	/** The cursor a client sent, or empty when it is not one this server issued. */
	static Optional<PriceHistoryCursor> decode(String token) {
		if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
			String[] parts = raw.split(":", -1);
			if (parts.length != 4 || !VERSION.equals(parts[0])) {
				return Optional.empty();
			}
			Timestep timestep = Timestep.fromCode(parts[2]);
			if (timestep == null) {
				return Optional.empty();
			}
			Instant after = Instant.EPOCH.plus(Long.parseLong(parts[3]), ChronoUnit.MICROS);
			if (!GeLimits.isValidQueryTime(after)) {
				return Optional.empty();
			}
			return Optional.of(new PriceHistoryCursor(Integer.parseInt(parts[1]), timestep, after));
		}
		catch (IllegalArgumentException | ArithmeticException | DateTimeException ex) {
			return Optional.empty();
		}
	}

}
