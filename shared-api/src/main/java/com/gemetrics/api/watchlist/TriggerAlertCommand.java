package com.gemetrics.api.watchlist;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Fires an alert rule on a price observation; sent by the command side's alert policy,
 * never by users. The watchlist refuses a rule that is gone or paused, and ignores a
 * second trigger of one rule for an observation no later than the one it last fired on.
 *
 * @param watchlistId the rule's watchlist
 * @param alertId the new alert's id
 * @param ruleId the rule
 * @param itemId the rule's item
 * @param type what the rule compares
 * @param threshold the rule's value as the policy saw it, in coins
 * @param observed the observed price or margin, in coins
 * @param observedAt when the price was observed
 * @param triggeredAt when the policy fired
 */
public record TriggerAlertCommand(@TargetAggregateIdentifier WatchlistId watchlistId, String alertId, String ruleId,
		int itemId, AlertType type, long threshold, long observed, Instant observedAt, Instant triggeredAt) {
}
