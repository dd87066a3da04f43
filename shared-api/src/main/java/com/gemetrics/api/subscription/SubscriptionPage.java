package com.gemetrics.api.subscription;

import java.util.List;

/**
 * A page of subscriptions, by user id.
 *
 * @param items the subscriptions
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last
 */
public record SubscriptionPage(List<SubscriptionSummaryView> items, String nextCursor) {
}
