package com.gemetrics.api.subscription;

import java.time.Instant;

import com.gemetrics.api.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * A fact that an invoice of the subscription was paid (the first one included, as
 * {@code billingReason} tells), paying for the period up to {@code periodEnd}. Amounts
 * are in the currency's minor unit (cents), as Stripe gives them.
 *
 * @param subscriptionId the subscription
 * @param userId who paid
 * @param stripeSubscriptionId the Stripe subscription
 * @param stripeInvoiceId the invoice ({@code in_...}); one event per invoice
 * @param billingReason Stripe's {@code billing_reason} ({@code subscription_create},
 * {@code subscription_cycle}, ...)
 * @param amountPaid the amount paid, in minor units
 * @param currency ISO currency code, lower case as Stripe gives it
 * @param periodEnd the end of the period paid for
 * @param paidAt when Stripe says it was paid
 */
@Revision("1")
public record SubscriptionRenewedEvent(SubscriptionId subscriptionId, UserId userId, String stripeSubscriptionId,
		String stripeInvoiceId, String billingReason, long amountPaid, String currency, Instant periodEnd,
		Instant paidAt) implements SubscriptionEvent {
}
