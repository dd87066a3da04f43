package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pauses an alert rule: it stays on the item but fires no more. Pausing a paused rule
 * changes nothing.
 *
 * @param watchlistId the caller's watchlist
 * @param userId the caller
 * @param ruleId the rule
 * @param requestedAt when the request arrived (the server's clock)
 */
public record PauseAlertRuleCommand(@TargetAggregateIdentifier WatchlistId watchlistId, UserId userId, String ruleId,
		Instant requestedAt) {
}
