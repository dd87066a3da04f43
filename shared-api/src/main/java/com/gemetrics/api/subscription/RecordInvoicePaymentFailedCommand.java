package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that Stripe failed to collect an invoice of the user's Stripe subscription
 * (once per invoice and attempt).
 *
 * @param subscriptionId the user's subscription
 * @param userId the user
 * @param stripeSubscriptionId the Stripe subscription the invoice bills
 * @param stripeInvoiceId the invoice
 * @param amountDue the amount due, in minor units
 * @param currency ISO currency code, lower case
 * @param attemptCount Stripe's attempt count for the invoice
 * @param nextAttemptAt when Stripe will try again (null: it will not)
 * @param failedAt when it failed (the event's time at Stripe)
 */
public record RecordInvoicePaymentFailedCommand(@TargetAggregateIdentifier SubscriptionId subscriptionId, UserId userId,
		String stripeSubscriptionId, String stripeInvoiceId, long amountDue, String currency, int attemptCount,
		Instant nextAttemptAt, Instant failedAt) {
}
