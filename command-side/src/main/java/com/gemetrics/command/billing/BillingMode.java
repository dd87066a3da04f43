package com.gemetrics.command.billing;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;

/**
 * Whether billing is on, decided once at start-up, failing closed like the app's other
 * secrets (ADR 0017): with {@code GE_STRIPE_ENABLED} true (the default) the key, the
 * webhook secret and both price ids must be set, or the app refuses to start naming the
 * missing variables. Billing is off only when someone says so:
 * {@code GE_STRIPE_ENABLED=false}, or the {@code dev} profile with the settings missing
 * (a warning says so). Off, every billing endpoint answers 503
 * {@code BILLING_UNAVAILABLE}, webhooks included (Stripe retries them for three days),
 * and the {@code stripe} health is UNKNOWN.
 *
 * @param on whether billing is on
 * @param reason why it is off (null when on)
 */
record BillingMode(boolean on, String reason) {

	static final String DEV_PROFILE = "dev";

	private static final Logger log = LoggerFactory.getLogger(BillingMode.class);

	static BillingMode decide(StripeProperties properties, Environment environment) {
		if (!properties.enabled()) {
			log.info("Billing is off: GE_STRIPE_ENABLED=false");
			return new BillingMode(false, "GE_STRIPE_ENABLED is false");
		}
		List<String> missing = new ArrayList<>();
		require(properties.apiKey(), "GE_STRIPE_API_KEY", missing);
		require(properties.webhookSecret(), "GE_STRIPE_WEBHOOK_SECRET", missing);
		require(properties.priceMonthly(), "GE_STRIPE_PRICE_MONTHLY", missing);
		require(properties.priceYearly(), "GE_STRIPE_PRICE_YEARLY", missing);
		if (missing.isEmpty()) {
			if (properties.priceMonthly().strip().equals(properties.priceYearly().strip())) {
				throw new IllegalStateException(
						"GE_STRIPE_PRICE_MONTHLY and GE_STRIPE_PRICE_YEARLY are the same price: refusing to start.");
			}
			return new BillingMode(true, null);
		}
		String names = String.join(", ", missing);
		if (environment.matchesProfiles(DEV_PROFILE)) {
			log.warn("{} not set: billing is off and its endpoints answer 503 (allowed only because the '{}' "
					+ "profile is active)", names, DEV_PROFILE);
			return new BillingMode(false, names + " not set (dev profile)");
		}
		throw new IllegalStateException(names + " not set: refusing to start. Set "
				+ ((missing.size() == 1) ? "it" : "them") + " (docs/billing.md), or GE_STRIPE_ENABLED=false to run "
				+ "without billing, or SPRING_PROFILES_ACTIVE=" + DEV_PROFILE + " on a developer machine.");
	}

	private static void require(String value, String variable, List<String> missing) {
		if (value == null || value.isBlank()) {
			missing.add(variable);
		}
	}

}
