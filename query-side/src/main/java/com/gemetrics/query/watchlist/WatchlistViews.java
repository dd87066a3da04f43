package com.gemetrics.query.watchlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;

/**
 * The queries the watchlist read model answers and the views it answers with (the body of
 * {@code GET /api/v1/watchlist}). They belong in {@code shared-api}'s
 * {@code com.gemetrics.api.watchlist} once another module needs them.
 */
final class WatchlistViews {

	private WatchlistViews() {
	}

	/**
	 * One user's watchlist.
	 *
	 * @param userId the owner
	 * @param recentAlerts how many of the latest alerts to include
	 */
	record FindWatchlistQuery(UUID userId, int recentAlerts) {
	}

	/**
	 * How far the projection is for one watchlist: answers the sequence number of the
	 * last applied event of the aggregate, or -1.
	 *
	 * @param userId the owner
	 */
	record FindWatchlistVersionQuery(UUID userId) {
	}

	/**
	 * A user's watchlist.
	 *
	 * @param items the watched items, by item id
	 * @param recentAlerts the latest alerts, newest first
	 */
	record WatchlistView(List<WatchedItemView> items, List<AlertView> recentAlerts) {
	}

	/**
	 * A watched item with its market figures from the items view ({@code null} where the
	 * item has no price) and its rules.
	 *
	 * @param itemId the item
	 * @param name its name, or {@code null} if the catalogue does not list it
	 * @param high latest instant-buy price
	 * @param low latest instant-sell price
	 * @param margin {@code high − low − tax(high)}
	 * @param watchedAt when it was (last) watched
	 * @param rules its alert rules
	 */
	record WatchedItemView(int itemId, String name, Long high, Long low, Long margin, Instant watchedAt,
			List<AlertRuleView> rules) {
	}

	/**
	 * An alert rule.
	 *
	 * @param ruleId the rule
	 * @param type what it compares
	 * @param value the threshold, in coins
	 * @param isActive whether it fires (false: paused)
	 * @param lastTriggeredAt when it last fired, or {@code null}
	 * @param lastObserved the value it last fired on, or {@code null}
	 * @param triggeredCount how often it fired
	 */
	record AlertRuleView(String ruleId, AlertType type, long value, @JsonProperty("isActive") boolean isActive,
			Instant lastTriggeredAt, Long lastObserved, int triggeredCount) {
	}

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
	record AlertView(String alertId, int itemId, String ruleId, AlertType type, long threshold, long observed,
			Instant observedAt, Instant triggeredAt, List<DeliveryView> deliveries) {
	}

	/**
	 * Where an alert went, or failed to go.
	 *
	 * @param channel the channel
	 * @param status {@code DELIVERED} or {@code FAILED}
	 * @param attempts how many attempts were made
	 * @param reason why it failed, or {@code null}
	 * @param at when it was delivered or given up
	 */
	record DeliveryView(DeliveryChannel channel, String status, int attempts, String reason, Instant at) {
	}

}
