package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that an alert reached the user on one channel.
 *
 * @param watchlistId the watchlist
 * @param userId its owner
 * @param alertId the alert
 * @param channel where it went
 * @param attempts how many attempts it took
 * @param deliveredAt when
 */
@Revision("1")
public record AlertDeliveredEvent(WatchlistId watchlistId, UserId userId, String alertId, DeliveryChannel channel,
		int attempts, Instant deliveredAt) {
}
