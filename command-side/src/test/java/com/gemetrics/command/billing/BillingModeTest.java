package com.gemetrics.command.billing;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Billing fails closed: off only when someone says so. */
class BillingModeTest {

	private static StripeProperties with(boolean enabled, String key, String secret, String monthly, String yearly) {
		StripeProperties defaults = StripeWebhooksTest.properties();
		return new StripeProperties(enabled, key, secret, URI.create("https://api.stripe.com"), monthly, yearly,
				defaults.successUrl(), defaults.cancelUrl(), defaults.portalReturnUrl(), defaults.connectTimeout(),
				defaults.readTimeout(), 0, defaults.webhookTolerance(), defaults.webhookMaxBytes(),
				defaults.healthCacheFor(), defaults.inbox());
	}

	@Test
	void isOnWithEverySetting() {
		assertThat(BillingMode.decide(with(true, "sk_live_x", "whsec_x", "price_m", "price_y"), new MockEnvironment())
			.on()).isTrue();
	}

	@Test
	void isOffWhenSwitchedOff() {
		BillingMode mode = BillingMode.decide(with(false, null, null, null, null), new MockEnvironment());

		assertThat(mode.on()).isFalse();
		assertThat(mode.reason()).contains("GE_STRIPE_ENABLED");
	}

	@Test
	void refusesToStartWithoutItsSecretsOutsideDev() {
		assertThatThrownBy(() -> BillingMode.decide(with(true, "", " ", "price_m", null), new MockEnvironment()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith(
					"GE_STRIPE_API_KEY, GE_STRIPE_WEBHOOK_SECRET, GE_STRIPE_PRICE_YEARLY not set: refusing to start")
			.hasMessageContaining("GE_STRIPE_ENABLED=false");
	}

	@Test
	void isOffWithoutThemUnderTheDevProfile() {
		MockEnvironment dev = new MockEnvironment();
		dev.setActiveProfiles("dev");

		BillingMode mode = BillingMode.decide(with(true, null, null, null, null), dev);

		assertThat(mode.on()).isFalse();
		assertThat(mode.reason()).contains("GE_STRIPE_API_KEY").contains("dev");
	}

	@Test
	void refusesTheSamePriceForBothPlans() {
		assertThatThrownBy(() -> BillingMode.decide(with(true, "sk_x", "whsec_x", "price_same", "price_same"),
				new MockEnvironment()))
			.hasMessageContaining("the same price");
	}

}
