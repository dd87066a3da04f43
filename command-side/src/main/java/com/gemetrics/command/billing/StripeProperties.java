package com.gemetrics.command.billing;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Billing with Stripe (docs/billing.md). The key, the webhook secret and the two price
 * ids are required while billing is enabled: without them the app refuses to start,
 * except under the {@code dev} profile, where billing is then off ({@link BillingMode}).
 *
 * @param enabled whether billing is on; {@code false} turns it off on purpose (its
 * endpoints answer 503 {@code BILLING_UNAVAILABLE})
 * @param apiKey the secret API key ({@code sk_...} or a restricted {@code rk_...})
 * @param webhookSecret the webhook endpoint's signing secret ({@code whsec_...})
 * @param apiBase where the Stripe API is ({@code https://api.stripe.com}; tests: a stub)
 * @param priceMonthly the Stripe price of {@code PREMIUM_MONTHLY}
 * @param priceYearly the Stripe price of {@code PREMIUM_YEARLY}
 * @param successUrl where Checkout sends the user after paying
 * @param cancelUrl where Checkout sends the user who gives up
 * @param portalReturnUrl where the billing portal's "return" link goes
 * @param connectTimeout TCP and TLS connect timeout of one request
 * @param readTimeout the longest wait for an answer's headers (each call also runs under
 * the total deadline {@code ge.outbound.stripe.deadline})
 * @param maxNetworkRetries stripe-java's own retries of one call (connection failures,
 * 409 lock timeouts, 5xx), inside the same deadline
 * @param webhookTolerance how old a webhook's signed timestamp may be
 * @param webhookMaxBytes the largest webhook body read
 * @param healthCacheFor how long the {@code stripe} health result is reused
 * @param inbox the processing of stored webhook events
 */
@Validated
@ConfigurationProperties("ge.stripe")
record StripeProperties(boolean enabled, String apiKey, String webhookSecret, @NotNull URI apiBase, String priceMonthly,
		String priceYearly, @NotNull URI successUrl, @NotNull URI cancelUrl, @NotNull URI portalReturnUrl,
		@NotNull Duration connectTimeout, @NotNull Duration readTimeout, @Min(0) @Max(5) int maxNetworkRetries,
		@NotNull Duration webhookTolerance, @NotNull DataSize webhookMaxBytes, @NotNull Duration healthCacheFor,
		@Valid @NotNull Inbox inbox) {

	/**
	 * @param pollInterval how often each instance looks for due events
	 * @param batchSize events claimed at most per look (never more than the
	 * {@code stripe} lane has free threads)
	 * @param maxAttempts attempts before an event is given up as dead
	 * @param retryDelay the wait after the first failed attempt, doubled per attempt
	 * @param maxRetryDelay the cap on that wait
	 * @param retention processed events older than this are deleted (Stripe stops
	 * redelivering after three days)
	 */
	record Inbox(@NotNull Duration pollInterval, @Positive @Max(1000) int batchSize,
			@Positive @Max(100) int maxAttempts, @NotNull Duration retryDelay, @NotNull Duration maxRetryDelay,
			@NotNull Duration retention) {
	}

}
