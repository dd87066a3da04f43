package com.gemetrics.query.journal;

import java.util.UUID;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.platform.web.ApiException;
import com.gemetrics.query.consistency.ReadYourWrites;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The read-your-writes wait of the journal endpoints: a flip token (from the
 * {@code X-Consistency-Token} header, or else the {@code consistency} query parameter)
 * makes the request wait until {@code read.flips} (or, for a delete, its tombstone) holds
 * the token's event. The version looked up is the caller's own flip only: another user's
 * flip id waits out the bound and answers stale, as an unknown id does.
 */
@Component
class JournalConsistency {

	static final String PARAMETER = "consistency";

	private final ReadYourWrites readYourWrites;

	private final JournalRepository repository;

	JournalConsistency(ReadYourWrites readYourWrites, JournalRepository repository) {
		this.readYourWrites = readYourWrites;
		this.repository = repository;
	}

	/**
	 * Waits for the token if one was given.
	 * @param userId the caller
	 * @param header the header value, or {@code null}
	 * @param parameter the query parameter value, or {@code null}
	 * @return {@code true} if the answer may be stale: the wait ran out
	 * @throws ApiException 400 {@code CONSISTENCY_TOKEN_INVALID} for a malformed token
	 */
	boolean awaitToken(UUID userId, String header, String parameter) {
		String encoded = (header != null && !header.isBlank()) ? header : parameter;
		ConsistencyToken token = this.readYourWrites.parse(encoded, ConsistencyToken.FLIP);
		if (token == null) {
			return false;
		}
		UUID flipId = flipId(token);
		try {
			return !this.readYourWrites.await(token, (ignored) -> this.repository.appliedVersion(userId, flipId));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "INTERRUPTED", "The request was interrupted.");
		}
	}

	private static UUID flipId(ConsistencyToken token) {
		try {
			UUID id = UUID.fromString(token.aggregateId());
			if (id.toString().equalsIgnoreCase(token.aggregateId())) {
				return id;
			}
		}
		catch (IllegalArgumentException ex) {
			// not a flip id: answered below
		}
		throw new ApiException(HttpStatus.BAD_REQUEST, "CONSISTENCY_TOKEN_INVALID",
				"The consistency token is not one this endpoint issued.");
	}

}
