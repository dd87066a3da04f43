package com.gemetrics.api.consistency;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a command answers so its caller can read its own write: the aggregate it changed
 * and the sequence number of the last event the command appended. A query endpoint that
 * is given the token waits (bounded) until its projection has applied that event.
 * <p>
 * Encoded as {@code <kind>.<aggregateId>.<sequence>}, e.g. {@code flip.6f1c...e2.3};
 * clients treat it as opaque.
 *
 * @param kind what the aggregate is: {@link #FLIP} or {@link #WATCHLIST}
 * @param aggregateId the aggregate identifier as Axon stores it
 * @param sequence the sequence number of the command's last event (0 for the first)
 */
public record ConsistencyToken(String kind, String aggregateId, long sequence) {

	public static final String FLIP = "flip";

	public static final String WATCHLIST = "watchlist";

	/** The HTTP header that carries a token, on command answers and query requests. */
	public static final String HEADER = "X-Consistency-Token";

	private static final Pattern PART = Pattern.compile("[A-Za-z0-9:_-]{1,100}");

	public ConsistencyToken {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(aggregateId, "aggregateId");
		if (!PART.matcher(kind).matches() || !PART.matcher(aggregateId).matches()) {
			throw new IllegalArgumentException("malformed consistency token");
		}
		if (sequence < 0) {
			throw new IllegalArgumentException("malformed consistency token");
		}
	}

	/**
	 * Reads a token.
	 * @param encoded the token as {@link #toString()} wrote it
	 * @return the token
	 * @throws IllegalArgumentException if it is not a token
	 */
	public static ConsistencyToken parse(String encoded) {
		if (encoded == null || encoded.length() > 220) {
			throw new IllegalArgumentException("malformed consistency token");
		}
		int first = encoded.indexOf('.');
		int last = encoded.lastIndexOf('.');
		if (first <= 0 || last == first || last == encoded.length() - 1) {
			throw new IllegalArgumentException("malformed consistency token");
		}
		long sequence;
		try {
			sequence = Long.parseLong(encoded.substring(last + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("malformed consistency token", ex);
		}
		return new ConsistencyToken(encoded.substring(0, first), encoded.substring(first + 1, last), sequence);
	}

	@Override
	public String toString() {
		return this.kind + "." + this.aggregateId + "." + this.sequence;
	}

}
