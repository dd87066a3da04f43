package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that a paused alert rule was resumed.
 *
 * @param watchlistId the watchlist
 * @param userId its owner
 * @param itemId the rule's item
 * @param ruleId the rule
 * @param resumedAt when
 */
@Revision("1")
public record AlertRuleResumedEvent(WatchlistId watchlistId, UserId userId, int itemId, String ruleId,
		Instant resumedAt) {
}
