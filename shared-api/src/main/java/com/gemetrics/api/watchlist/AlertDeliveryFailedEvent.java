package com.gemetrics.api.watchlist;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that an alert could not be delivered on one channel after every retry; it now
 * sits in the dead-letter store.
 *
 * @param watchlistId the watchlist
 * @param userId its owner
 * @param alertId the alert
 * @param channel where it should have gone
 * @param attempts how many attempts were made
 * @param reason a short, secret-free reason (e.g. {@code SMTP_UNAVAILABLE},
 * {@code HTTP_500})
 * @param failedAt when it was given up
 */
@Revision("1")
public record AlertDeliveryFailedEvent(WatchlistId watchlistId, UserId userId, String alertId, DeliveryChannel channel,
		int attempts, String reason, Instant failedAt) {
}
