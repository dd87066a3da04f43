package com.gemetrics.api.watchlist;

import java.time.Instant;
import java.util.List;

/**
 * A fired alert.
 *
 * @param alertId the alert
 * @param itemId the item
 * @param ruleId the rule that fired
 * @param type what it compared
 * @param threshold the rule's value then
 * @param observed the value that met it
 * @param observedAt when the price was observed
 * @param triggeredAt when it fired
 * @param deliveries its delivery status per channel (empty while none is settled)
 */
public record AlertView(String alertId, int itemId, String ruleId, AlertType type, long threshold, long observed,
		Instant observedAt, Instant triggeredAt, List<DeliveryView> deliveries) {
}
