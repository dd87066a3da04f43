package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that the Stripe subscription ended (status {@code canceled}): the user is on the
 * free plan from {@code endedAt}.
 *
 * @param subscriptionId the subscription
 * @param userId who paid
 * @param stripeSubscriptionId the Stripe subscription
 * @param endedAt when it ended
 * @param canceledAt when we learned of it
 */
@Revision("1")
public record SubscriptionCanceledEvent(SubscriptionId subscriptionId, UserId userId, String stripeSubscriptionId,
		Instant endedAt, Instant canceledAt) implements SubscriptionEvent {
}
