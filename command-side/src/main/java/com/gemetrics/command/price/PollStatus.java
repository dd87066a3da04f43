package com.gemetrics.command.price;

import java.time.Instant;

/**
 * One row of {@code market.poll_status}: how an endpoint last answered.
 *
 * @param endpoint the endpoint tag
 * @param lastSuccessAt when it last answered usably, or {@code null}
 * @param lastAttemptAt when it was last called
 * @param lastFailureAt when it last failed, or {@code null}
 * @param lastError what went wrong then
 * @param consecutiveFailures failures since the last success
 */
record PollStatus(String endpoint, Instant lastSuccessAt, Instant lastAttemptAt, Instant lastFailureAt,
		String lastError, int consecutiveFailures) {
}
