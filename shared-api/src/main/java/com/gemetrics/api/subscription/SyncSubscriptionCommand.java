package com.gemetrics.api.subscription;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hands the subscription what Stripe says a Stripe subscription of the user's looks like
 * now; it records whatever differs from what it knows (nothing, when nothing does).
 *
 * @param subscriptionId the user's subscription
 * @param userId the user
 * @param stripe the Stripe subscription as fetched
 */
public record SyncSubscriptionCommand(@TargetAggregateIdentifier SubscriptionId subscriptionId, UserId userId,
		StripeSubscriptionState stripe) {
}
