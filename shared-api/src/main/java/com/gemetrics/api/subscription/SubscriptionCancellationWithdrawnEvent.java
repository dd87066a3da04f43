package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that a scheduled cancellation was withdrawn: the subscription renews again.
 *
 * @param subscriptionId the subscription
 * @param userId who pays
 * @param stripeSubscriptionId the Stripe subscription
 * @param withdrawnAt when we learned of it
 */
@Revision("1")
public record SubscriptionCancellationWithdrawnEvent(SubscriptionId subscriptionId, UserId userId,
		String stripeSubscriptionId, Instant withdrawnAt) implements SubscriptionEvent {
}
