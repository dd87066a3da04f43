package com.gemetrics.command.alert;

import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.watchlist.AlertType;

/**
 * What the alert policy remembers of one active rule.
 *
 * @param watchlistId the rule's watchlist, as Axon stores its id
 * @param ruleId the rule
 * @param userId the owner
 * @param itemId the rule's item
 * @param type what it compares
 * @param threshold its value, in coins
 * @param armed whether it may fire
 * @param lastFiredObservedAt the observation it last fired on, or {@code null}
 */
record RuleState(String watchlistId, String ruleId, UUID userId, int itemId, AlertType type, long threshold,
		boolean armed, Instant lastFiredObservedAt) {
}
