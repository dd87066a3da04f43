package com.gemetrics.api.watchlist;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that an alert reached its user on one channel; sent by the command side's
 * delivery queue.
 *
 * @param watchlistId the alert's watchlist
 * @param alertId the alert
 * @param channel where it went
 * @param attempts how many attempts it took
 * @param deliveredAt when
 */
public record RecordAlertDeliveryCommand(@TargetAggregateIdentifier WatchlistId watchlistId, String alertId,
		DeliveryChannel channel, int attempts, Instant deliveredAt) {
}
