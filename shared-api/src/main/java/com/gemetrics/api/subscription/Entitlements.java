package com.gemetrics.api.subscription;

import java.time.Duration;
import java.time.Instant;

/**
 * What a user may do, by whether premium is in force. One rule for both apps: each reads
 * the subscription projection and asks {@link #of} (the query side answers it in
 * {@code GET /api/v1/me/subscription}).
 *
 * <p>
 * Premium is in force while the subscription is {@code active} or {@code trialing}, and
 * for {@link #PAST_DUE_GRACE} after it became {@code past_due} (Stripe retries the card
 * meanwhile). Everything else is the free plan.
 *
 * @param premium whether premium is in force
 * @param maxWatchedItems most watched items
 * @param maxAlertRules most alert rules across the watchlist
 * @param webhookAlerts whether alerts may be delivered to a webhook (e-mail always may)
 * @param historyDays how far back price history may be read, in days
 * @param csvImportRows most rows in one flip CSV import
 * @param csvExportRows most rows in one flip CSV export
 * @param dataRequestsPerMinuteFactor the per-user data rate limit is multiplied by this
 */
public record Entitlements(boolean premium, int maxWatchedItems, int maxAlertRules, boolean webhookAlerts,
		int historyDays, int csvImportRows, int csvExportRows, int dataRequestsPerMinuteFactor) {

	/** How long a {@code past_due} subscription keeps premium while Stripe retries. */
	public static final Duration PAST_DUE_GRACE = Duration.ofDays(7);

	/** The free plan. */
	public static final Entitlements FREE = new Entitlements(false, 20, 10, false, 30, 200, 1_000, 1);

	/** Premium (monthly or yearly alike). */
	public static final Entitlements PREMIUM = new Entitlements(true, 200, 500, true, 36_500, 2_000, 1_000_000, 10);

	/**
	 * The entitlements of a subscription's state at {@code now}.
	 * @param plan the plan (FREE when there is no subscription)
	 * @param status the status ({@link SubscriptionStatus#NONE} when none)
	 * @param pastDueSince when it became {@code past_due} (null unless it is)
	 * @param now the time to judge at
	 */
	public static Entitlements of(Plan plan, SubscriptionStatus status, Instant pastDueSince, Instant now) {
		return premiumInForce(plan, status, pastDueSince, now) ? PREMIUM : FREE;
	}

	public static boolean premiumInForce(Plan plan, SubscriptionStatus status, Instant pastDueSince, Instant now) {
		if (plan == null || !plan.paid() || status == null) {
			return false;
		}
		return switch (status) {
			case ACTIVE, TRIALING -> true;
			case PAST_DUE -> pastDueSince == null || now.isBefore(pastDueSince.plus(PAST_DUE_GRACE));
			default -> false;
		};
	}

}
