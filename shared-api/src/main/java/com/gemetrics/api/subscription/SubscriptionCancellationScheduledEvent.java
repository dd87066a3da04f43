package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that the subscription was set to end at {@code cancelAt} (usually its period
 * end); premium stays in force until then.
 *
 * @param subscriptionId the subscription
 * @param userId who pays
 * @param stripeSubscriptionId the Stripe subscription
 * @param cancelAt when it will end
 * @param scheduledAt when we learned of it
 */
@Revision("1")
public record SubscriptionCancellationScheduledEvent(SubscriptionId subscriptionId, UserId userId,
		String stripeSubscriptionId, Instant cancelAt, Instant scheduledAt) implements SubscriptionEvent {
}
