package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that an active Stripe subscription's status, plan or period changed in a way no
 * more specific event records: {@code active} to {@code past_due} and back, a switch
 * between monthly and yearly, a new period end. Carries the whole resulting state.
 *
 * @param subscriptionId the subscription
 * @param userId who pays
 * @param stripeSubscriptionId the Stripe subscription
 * @param plan the plan from now on
 * @param stripePriceId the Stripe price from now on
 * @param status the status from now on
 * @param currentPeriodEnd the period end from now on
 * @param changedAt when we learned of it
 */
@Revision("1")
public record SubscriptionChangedEvent(SubscriptionId subscriptionId, UserId userId, String stripeSubscriptionId,
		Plan plan, String stripePriceId, SubscriptionStatus status, Instant currentPeriodEnd,
		Instant changedAt) implements SubscriptionEvent {
}
