package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that an alert rule's condition became true on a price observation, and the alert
 * policy fired it (once per crossing, at most once per minimum interval).
 *
 * @param watchlistId the watchlist
 * @param userId its owner
 * @param alertId this alert's id (deliveries refer to it)
 * @param ruleId the rule that fired
 * @param itemId the rule's item
 * @param type what the rule compares
 * @param threshold the rule's value, in coins
 * @param observed the observed value that met it (price or margin), in coins
 * @param observedAt when the price was observed
 * @param triggeredAt when the policy fired
 */
@Revision("1")
public record AlertTriggeredEvent(WatchlistId watchlistId, UserId userId, String alertId, String ruleId, int itemId,
		AlertType type, long threshold, long observed, Instant observedAt, Instant triggeredAt) {
}
