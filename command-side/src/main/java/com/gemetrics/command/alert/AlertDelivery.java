package com.gemetrics.command.alert;

import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;

/**
 * One alert to deliver on one channel, as the queue holds it.
 *
 * @param id the queue row
 * @param alertId the alert
 * @param channel where it goes
 * @param watchlistId the alert's watchlist
 * @param userId its owner
 * @param ruleId the rule that fired
 * @param itemId the item
 * @param itemName the item's name (its id when the catalogue does not know it)
 * @param type what the rule compares
 * @param threshold the rule's value, in coins
 * @param observed the observed price or margin, in coins
 * @param observedAt when the price was observed
 * @param attempts attempts started, this one included
 * @param claim the claim this instance holds the delivery under
 */
record AlertDelivery(long id, String alertId, DeliveryChannel channel, String watchlistId, UUID userId, String ruleId,
		int itemId, String itemName, AlertType type, long threshold, long observed, Instant observedAt, int attempts,
		UUID claim) {
}
