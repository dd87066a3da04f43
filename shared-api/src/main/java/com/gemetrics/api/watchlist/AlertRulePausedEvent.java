package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that an alert rule was paused: kept, but it fires no more until resumed.
 *
 * @param watchlistId the watchlist
 * @param userId its owner
 * @param itemId the rule's item
 * @param ruleId the rule
 * @param pausedAt when
 */
@Revision("1")
public record AlertRulePausedEvent(WatchlistId watchlistId, UserId userId, int itemId, String ruleId,
		Instant pausedAt) {
}
