package com.gemetrics.loadtest.journal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long after the command side's 201 a new flip is visible on the query side:
 * opens a flip, then either polls {@code GET /api/v1/flips/{id}} without a token every
 * {@code pollNanos} until it answers 200, or (token mode) sends one request with the
 * command's consistency token and lets the query side wait, polling afterwards if that
 * answer is not yet 200.
 */
public final class Visibility {

	private final JournalApi api;

	private final String bearer;

	private final int itemId;

	private final long pollNanos;

	private final long timeoutNanos;

	private final boolean useToken;

	/**
	 * @param api the endpoints
	 * @param bearer the probing user's access token
	 * @param itemId the item the flips buy
	 * @param pollMillis pause between polls
	 * @param timeoutMillis give a sample up after this long
	 * @param useToken send the consistency token (if the command answered one) instead of
	 * polling
	 */
	public Visibility(JournalApi api, String bearer, int itemId, long pollMillis, long timeoutMillis,
			boolean useToken) {
		this.api = api;
		this.bearer = bearer;
		this.itemId = itemId;
		this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
		this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		this.useToken = useToken;
	}

	/**
	 * Opens one flip and waits until it is visible.
	 * @return the delay in nanoseconds from the 201 to the 200, or -1 if the command
	 * failed, or {@link Long#MAX_VALUE} if the flip was not visible within the timeout
	 */
	public long sample() throws Exception {
		JournalApi.Opened opened = this.api.openFlip(this.bearer, this.itemId, 1, 100);
		long answered = System.nanoTime();
		if (!opened.created()) {
			return -1;
		}
		if (this.useToken && opened.consistencyToken() != null
				&& this.api.getFlip(this.bearer, opened.flipId(), opened.consistencyToken()) == 200) {
			return System.nanoTime() - answered;
		}
		long deadline = answered + this.timeoutNanos;
		while (true) {
			int status = this.api.getFlip(this.bearer, opened.flipId(), null);
			long now = System.nanoTime();
			if (status == 200) {
				return now - answered;
			}
			if (now - deadline >= 0) {
				return Long.MAX_VALUE;
			}
			LockSupport.parkNanos(this.pollNanos);
		}
	}

}
