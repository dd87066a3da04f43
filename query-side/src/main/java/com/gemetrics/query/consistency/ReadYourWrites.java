package com.gemetrics.query.consistency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.platform.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Lets a client read its own writes: given the consistency token a command answered with,
 * a query waits (at most {@code ge.consistency.max-wait}, 2 s) until the projection it
 * reads from has applied the token's event. A projection tells how far it is through a
 * version lookup: the sequence number of the last applied event of the token's aggregate,
 * or -1 if it has none yet.
 * <p>
 * When the wait runs out the query still answers, with what the projection has, and
 * {@link #STALE_HEADER} tells the client so.
 */
@Component
public class ReadYourWrites {

	/**
	 * Answers {@code true} on a response read before the projection reached the token.
	 */
	public static final String STALE_HEADER = "X-Consistency-Stale";

	private static final long POLL_MILLIS = 5;

	private final Clock clock;

	private final Duration maxWait;

	private final Timer waits;

	ReadYourWrites(Clock clock, @Value("${ge.consistency.max-wait:2s}") Duration maxWait, MeterRegistry meters) {
		this.clock = clock;
		this.maxWait = maxWait;
		this.waits = Timer.builder("ge.consistency.wait")
			.description("Time queries waited for a projection to reach a consistency token")
			.register(meters);
	}

	/**
	 * Reads a token given by a client.
	 * @param encoded the header or parameter value, or {@code null}
	 * @param expectedKind the aggregate kind this endpoint reads
	 * ({@link ConsistencyToken#FLIP} or {@link ConsistencyToken#WATCHLIST})
	 * @return the token, or {@code null} if none was given
	 * @throws ApiException 400 {@code CONSISTENCY_TOKEN_INVALID} if it is malformed or of
	 * another kind
	 */
	public ConsistencyToken parse(String encoded, String expectedKind) {
		if (encoded == null || encoded.isBlank()) {
			return null;
		}
		ConsistencyToken token;
		try {
			token = ConsistencyToken.parse(encoded.trim());
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		if (!token.kind().equals(expectedKind)) {
			throw invalid();
		}
		return token;
	}

	/**
	 * Waits until {@code appliedSequence} reports the token's sequence (or later) for the
	 * token's aggregate, or the maximum wait ends.
	 * @param token the token, or {@code null} for no wait
	 * @param appliedSequence the projection's version lookup: the sequence number it has
	 * applied for an aggregate id, or -1
	 * @return {@code true} if the projection has reached the token (or there was none)
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean await(ConsistencyToken token, ToLongFunction<String> appliedSequence) throws InterruptedException {
		if (token == null) {
			return true;
		}
		long started = System.nanoTime();
		Instant deadline = this.clock.instant().plus(this.maxWait);
		try {
			while (true) {
				if (appliedSequence.applyAsLong(token.aggregateId()) >= token.sequence()) {
					return true;
				}
				if (!this.clock.instant().isBefore(deadline)) {
					return false;
				}
				Thread.sleep(POLL_MILLIS);
			}
		}
		finally {
			this.waits.record(Duration.ofNanos(System.nanoTime() - started));
		}
	}

	private static ApiException invalid() {
		return new ApiException(HttpStatus.BAD_REQUEST, "CONSISTENCY_TOKEN_INVALID",
				"The consistency token is not one this endpoint issued.");
	}

}
