package com.gemetrics.api.auditstate;

import java.time.Instant;
import java.util.List;

import com.gemetrics.api.flip.FlipDetailView;
import com.gemetrics.api.subscription.SubscriptionView;
import com.gemetrics.api.watchlist.AlertRuleView;
import com.gemetrics.api.watchlist.AlertView;

/**
 * A user's flips, watchlist and subscription as they stood at an instant, rebuilt from
 * the event store (never from the read models), with the figures the user's own endpoints
 * show: {@code GET /api/v1/flips/{id}}, {@code /api/v1/watchlist},
 * {@code /api/v1/me/subscription}. Market figures (prices, margins) are left out: they
 * are not the user's; item names are labels from the current catalogue.
 *
 * @param userId the user
 * @param asOf the instant
 * @param registeredAt when the user's account was stored
 * @param events how many of the user's events the state was rebuilt from
 * @param lastGlobalIndex the event store's global index of the last of them, or
 * {@code null} when there is none
 * @param flips the flips not deleted by then, newest buy first, each with its sales and
 * profit after tax
 * @param watchlist the watched items with their rules, and the latest alerts
 * @param subscription the plan, status, period end, cancellation and what it entitled the
 * user to at {@code asOf}
 */
public record UserStateView(String userId, Instant asOf, Instant registeredAt, long events, Long lastGlobalIndex,
		List<FlipDetailView> flips, WatchlistStateView watchlist, SubscriptionView subscription) {

	/**
	 * The watchlist then.
	 *
	 * @param items watched items, by item id
	 * @param recentAlerts the latest alerts, newest first, with their deliveries
	 */
	public record WatchlistStateView(List<WatchedItemStateView> items, List<AlertView> recentAlerts) {
	}

	/**
	 * A watched item then.
	 *
	 * @param itemId the item
	 * @param watchedAt when it was (last) watched
	 * @param rules its alert rules by rule id ({@code isActive} false: paused)
	 */
	public record WatchedItemStateView(int itemId, Instant watchedAt, List<AlertRuleView> rules) {
	}

}
