package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a Checkout session the user opened expired unpaid. Recorded as
 * {@link SubscriptionExpiredEvent} only if the session is one of theirs still open and no
 * subscription of theirs is live.
 *
 * @param subscriptionId the user's subscription
 * @param userId the user
 * @param checkoutSessionId the session ({@code cs_...})
 * @param expiredAt when we learned of it
 */
public record RecordCheckoutExpiredCommand(@TargetAggregateIdentifier SubscriptionId subscriptionId, UserId userId,
		String checkoutSessionId, Instant expiredAt) {
}
