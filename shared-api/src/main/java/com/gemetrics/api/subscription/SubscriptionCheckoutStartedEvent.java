package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that a user opened a Stripe Checkout session for a paid plan. The first one
 * creates the user's subscription aggregate; later ones (a new attempt, another plan) are
 * appended to it.
 *
 * @param subscriptionId the subscription
 * @param userId who pays
 * @param plan the plan chosen
 * @param stripePriceId the Stripe price of that plan
 * @param stripeCustomerId the user's Stripe customer (created once, reused)
 * @param checkoutSessionId the Checkout session ({@code cs_...})
 * @param startedAt when
 */
@Revision("1")
public record SubscriptionCheckoutStartedEvent(SubscriptionId subscriptionId, UserId userId, Plan plan,
		String stripePriceId, String stripeCustomerId, String checkoutSessionId,
		Instant startedAt) implements SubscriptionEvent {
}
