package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that Stripe failed to collect an invoice of the subscription. No card data: only
 * the ids and amounts needed to audit it.
 *
 * @param subscriptionId the subscription
 * @param userId who owes it
 * @param stripeSubscriptionId the Stripe subscription
 * @param stripeInvoiceId the invoice
 * @param amountDue the amount due, in minor units
 * @param currency ISO currency code, lower case
 * @param attemptCount Stripe's attempt count for this invoice
 * @param nextAttemptAt when Stripe will try again (null: it will not)
 * @param failedAt when it failed
 */
@Revision("1")
public record SubscriptionPaymentFailedEvent(SubscriptionId subscriptionId, UserId userId, String stripeSubscriptionId,
		String stripeInvoiceId, long amountDue, String currency, int attemptCount, Instant nextAttemptAt,
		Instant failedAt) implements SubscriptionEvent {
}
