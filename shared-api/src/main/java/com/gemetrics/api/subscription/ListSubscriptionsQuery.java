package com.gemetrics.api.subscription;

/**
 * Asks for a page of every user's subscription, by user id (for admins and auditors);
 * answered with a {@link SubscriptionPage}.
 *
 * @param status only subscriptions in this status, or {@code null} for all
 * @param limit page size
 * @param cursor opaque cursor from the previous page
 * ({@link SubscriptionPage#nextCursor()}), or {@code null} for the first
 */
public record ListSubscriptionsQuery(SubscriptionStatus status, int limit, String cursor) {
}
