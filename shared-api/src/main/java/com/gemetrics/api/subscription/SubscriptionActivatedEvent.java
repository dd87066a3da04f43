package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that a Stripe subscription became this user's subscription, in the state Stripe
 * reported: from here on its status, plan and period follow Stripe's.
 *
 * @param subscriptionId the subscription
 * @param userId who pays
 * @param plan the plan its price stands for
 * @param stripeSubscriptionId the Stripe subscription ({@code sub_...})
 * @param stripeCustomerId the Stripe customer ({@code cus_...})
 * @param stripePriceId the Stripe price
 * @param status its status (usually {@code active} or {@code trialing})
 * @param currentPeriodEnd when the paid period ends
 * @param cancelAtPeriodEnd whether it is already set to end then
 * @param activatedAt when we learned of it
 */
@Revision("1")
public record SubscriptionActivatedEvent(SubscriptionId subscriptionId, UserId userId, Plan plan,
		String stripeSubscriptionId, String stripeCustomerId, String stripePriceId, SubscriptionStatus status,
		Instant currentPeriodEnd, boolean cancelAtPeriodEnd, Instant activatedAt) implements SubscriptionEvent {
}
