package com.gemetrics.api.price;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one rule for "is the price feed stale", used by both apps: the command side's
 * {@code osrs} health (against {@code ge.poller.stale-after}), the query side's
 * {@code osrs} health and every item's {@code stale} flag (against
 * {@code ge.items.stale-after}). The feed is the OSRS Wiki {@code /latest} endpoint; its
 * evidence is the time of the last good poll ({@code market.poll_status}, written by the
 * command side's poller).
 */
public final class PriceFeed {

	private PriceFeed() {
	}

	/**
	 * Whether prices are stale: there has been no good poll, or the last one is more than
	 * {@code staleAfter} older than {@code now}. A poll exactly {@code staleAfter} old is
	 * still fresh; a poll "in the future" (another instance's clock ahead) is fresh.
	 * @param lastGoodPoll when the last good {@code /latest} poll ended, or {@code null}
	 * if there was none
	 * @param now the time of the question
	 * @param staleAfter the age beyond which prices are stale, positive
	 * @return whether prices are stale
	 */
	public static boolean isStale(Instant lastGoodPoll, Instant now, Duration staleAfter) {
		Objects.requireNonNull(now, "now");
		if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
			throw new IllegalArgumentException("staleAfter must be positive: " + staleAfter);
		}
		return lastGoodPoll == null || Duration.between(lastGoodPoll, now).compareTo(staleAfter) > 0;
	}

}
