package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that Stripe collected an invoice of the user's Stripe subscription (once per
 * invoice). Amounts are in the currency's minor unit.
 *
 * @param subscriptionId the user's subscription
 * @param userId the user
 * @param stripeSubscriptionId the Stripe subscription the invoice bills
 * @param stripeInvoiceId the invoice ({@code in_...})
 * @param billingReason Stripe's {@code billing_reason}
 * @param amountPaid the amount paid
 * @param currency ISO currency code, lower case
 * @param periodEnd the end of the period paid for (null if unknown)
 * @param paidAt when Stripe says it was paid
 */
public record RecordInvoicePaidCommand(@TargetAggregateIdentifier SubscriptionId subscriptionId, UserId userId,
		String stripeSubscriptionId, String stripeInvoiceId, String billingReason, long amountPaid, String currency,
		Instant periodEnd, Instant paidAt) {
}
