package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that a subscription lapsed without being paid: a Checkout session or a first
 * payment that expired ({@code incomplete_expired}), or a subscription left
 * {@code unpaid} after Stripe's retries. The user is on the free plan.
 *
 * @param subscriptionId the subscription
 * @param userId who it was for
 * @param stripeSubscriptionId the Stripe subscription (null when only a Checkout session
 * expired)
 * @param status the status it lapsed in
 * @param expiredAt when we learned of it
 */
@Revision("1")
public record SubscriptionExpiredEvent(SubscriptionId subscriptionId, UserId userId, String stripeSubscriptionId,
		SubscriptionStatus status, Instant expiredAt) implements SubscriptionEvent {
}
