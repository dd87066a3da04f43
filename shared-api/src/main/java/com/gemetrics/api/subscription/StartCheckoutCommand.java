package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a user opened a Stripe Checkout session for a paid plan; the first one
 * creates the user's subscription. Refused while a subscription of theirs is live (they
 * change or end it in the billing portal).
 *
 * @param subscriptionId the user's subscription (from {@code billing.customers})
 * @param userId the caller
 * @param plan the paid plan chosen
 * @param stripePriceId its Stripe price
 * @param stripeCustomerId the user's Stripe customer
 * @param checkoutSessionId the session Stripe opened ({@code cs_...})
 * @param startedAt when (the server's clock)
 */
public record StartCheckoutCommand(@TargetAggregateIdentifier SubscriptionId subscriptionId, UserId userId, Plan plan,
		String stripePriceId, String stripeCustomerId, String checkoutSessionId, Instant startedAt) {
}
