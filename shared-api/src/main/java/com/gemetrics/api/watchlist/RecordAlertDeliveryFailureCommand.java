package com.gemetrics.api.watchlist;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that an alert could not be delivered on one channel and was dead-lettered; sent
 * by the command side's delivery queue.
 *
 * @param watchlistId the alert's watchlist
 * @param alertId the alert
 * @param channel where it should have gone
 * @param attempts how many attempts were made
 * @param reason a short, secret-free reason
 * @param failedAt when it was given up
 */
public record RecordAlertDeliveryFailureCommand(@TargetAggregateIdentifier WatchlistId watchlistId, String alertId,
		DeliveryChannel channel, int attempts, String reason, Instant failedAt) {
}
