package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Resumes a paused alert rule. Resuming an active rule changes nothing.
 *
 * @param watchlistId the caller's watchlist
 * @param userId the caller
 * @param ruleId the rule
 * @param requestedAt when the request arrived (the server's clock)
 */
public record ResumeAlertRuleCommand(@TargetAggregateIdentifier WatchlistId watchlistId, UserId userId, String ruleId,
		Instant requestedAt) {
}
