package com.gemetrics.query.journal;

import java.time.Instant;
import java.util.UUID;

/**
 * The journal's queries, answered by {@link JournalQueryHandler}. They stay in the query
 * side with their views until the SPA contract moves them to {@code shared-api}.
 */
final class JournalQueries {

	private JournalQueries() {
	}

	/**
	 * A page of the caller's flips, newest buy first; every filter is optional.
	 *
	 * @param userId the caller
	 * @param itemId only this item
	 * @param account only this account
	 * @param from bought at or after
	 * @param to bought before
	 * @param status {@code open} or {@code closed}
	 * @param limit page size
	 * @param after the cursor of the previous page
	 */
	record ListFlipsQuery(UUID userId, Integer itemId, String account, Instant from, Instant to, String status,
			int limit, FlipCursor after) {
	}

	/**
	 * One of the caller's flips with its sales; {@code null} when it is not theirs.
	 *
	 * @param userId the caller
	 * @param flipId the flip
	 */
	record FindFlipQuery(UUID userId, UUID flipId) {
	}

	/**
	 * The caller's stats over a range.
	 *
	 * @param userId the caller
	 * @param account only this account, or {@code null}
	 * @param from trades and closes at or after, or {@code null}
	 * @param to before, or {@code null}
	 */
	record FindFlipStatsQuery(UUID userId, String account, Instant from, Instant to) {
	}

	/**
	 * The caller's open positions.
	 *
	 * @param userId the caller
	 * @param account only this account, or {@code null}
	 */
	record ListPositionsQuery(UUID userId, String account) {
	}

	/**
	 * The caller's buy-limit ledger.
	 *
	 * @param userId the caller
	 * @param account only this account, or {@code null}
	 */
	record ListBuyLimitsQuery(UUID userId, String account) {
	}

}
