package com.gemetrics.command.billing;

import com.gemetrics.command.billing.StripeGateway.CheckoutSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static com.gemetrics.command.billing.SubscriptionFixtures.OWNER;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(BillingController.class)
class BillingControllerTest {

	private static final String CHECKOUT_URL = "https://checkout.stripe.test/c/pay/cs_test_1";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Checkouts checkouts;

	private static RequestPostProcessor verified() {
		return jwt().jwt((token) -> token.subject(OWNER.toString()))
			.authorities(new SimpleGrantedAuthority("ROLE_USER"));
	}

	private static MockHttpServletRequestBuilder checkout(String body) {
		return post("/api/v1/billing/checkout-sessions").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	@Test
	void answers201WithTheSessionAndItsUrlAsLocation() throws Exception {
		given(this.checkouts.start(OWNER, "PREMIUM_MONTHLY"))
			.willReturn(new CheckoutSession("cs_test_1", CHECKOUT_URL));

		this.mvc.perform(checkout("{\"plan\": \"PREMIUM_MONTHLY\"}").with(verified()))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", CHECKOUT_URL))
			.andExpect(jsonPath("$.id").value("cs_test_1"))
			.andExpect(jsonPath("$.url").value(CHECKOUT_URL));
	}

	@Test
	void anUnverifiedAddressIs403() throws Exception {
		this.mvc
			.perform(checkout("{\"plan\": \"PREMIUM_MONTHLY\"}")
				.with(jwt().jwt((token) -> token.subject(OWNER.toString()))))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("EMAIL_NOT_VERIFIED"));
		then(this.checkouts).shouldHaveNoInteractions();
	}

	@Test
	void noTokenIs401() throws Exception {
		this.mvc.perform(checkout("{\"plan\": \"PREMIUM_MONTHLY\"}")).andExpect(status().isUnauthorized());
		then(this.checkouts).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"plan\": \"\"}", "{\"plan\": null}" })
	void aMissingPlanIs400(String body) throws Exception {
		this.mvc.perform(checkout(body).with(verified()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
		then(this.checkouts).shouldHaveNoInteractions();
	}

	@Test
	void theRulesAnswerWithTheirStatusAndCode() throws Exception {
		given(this.checkouts.start(OWNER, "GOLD")).willThrow(new SubscriptionRejected(SubscriptionError.UNKNOWN_PLAN));
		given(this.checkouts.start(OWNER, "FREE"))
			.willThrow(new SubscriptionRejected(SubscriptionError.PLAN_NOT_PURCHASABLE));
		given(this.checkouts.start(OWNER, "PREMIUM_YEARLY"))
			.willThrow(new SubscriptionRejected(SubscriptionError.SUBSCRIPTION_ALREADY_ACTIVE));

		this.mvc.perform(checkout("{\"plan\": \"GOLD\"}").with(verified()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("UNKNOWN_PLAN"));
		this.mvc.perform(checkout("{\"plan\": \"FREE\"}").with(verified()))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.code").value("PLAN_NOT_PURCHASABLE"));
		this.mvc.perform(checkout("{\"plan\": \"PREMIUM_YEARLY\"}").with(verified()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("SUBSCRIPTION_ALREADY_ACTIVE"));
	}

	@Test
	void billingOffOrStripeDownIs503() throws Exception {
		given(this.checkouts.start(any(), any())).willThrow(BillingUnavailable.off());
		given(this.checkouts.portal(any())).willThrow(BillingUnavailable.stripeDown());

		this.mvc.perform(checkout("{\"plan\": \"PREMIUM_MONTHLY\"}").with(verified()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
			.andExpect(jsonPath("$.code").value("BILLING_UNAVAILABLE"));
		this.mvc.perform(post("/api/v1/billing/portal-sessions").with(verified()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.code").value("BILLING_UNAVAILABLE"));
	}

	@Test
	void thePortalAnswers201WithItsUrl() throws Exception {
		given(this.checkouts.portal(OWNER)).willReturn("https://billing.stripe.test/p/session/1");

		this.mvc.perform(post("/api/v1/billing/portal-sessions").with(verified()))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "https://billing.stripe.test/p/session/1"))
			.andExpect(jsonPath("$.url").value("https://billing.stripe.test/p/session/1"));
	}

	@Test
	void thePortalWithoutABillingAccountIs404() throws Exception {
		given(this.checkouts.portal(OWNER))
			.willThrow(new SubscriptionRejected(SubscriptionError.BILLING_ACCOUNT_NOT_FOUND));

		this.mvc.perform(post("/api/v1/billing/portal-sessions").with(verified()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("BILLING_ACCOUNT_NOT_FOUND"));
	}

}
