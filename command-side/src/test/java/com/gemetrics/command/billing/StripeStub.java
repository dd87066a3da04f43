package com.gemetrics.command.billing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A local stand-in for the Stripe API (WireMock) and a signer of webhooks by Stripe's
 * scheme:
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, keyed
 * with the whole {@code whsec_...} string. Answers are shaped as the API version
 * stripe-java is pinned to (a subscription's period end on its items); webhook payloads
 * are built as older API versions would send them, which the app must read all the same.
 */
final class StripeStub {

	static final String API_KEY = "sk_test_stub";

	static final String WEBHOOK_SECRET = "whsec_test_b1ll1ng_s3cret";

	static final String MONTHLY = "price_monthly";

	static final String YEARLY = "price_yearly";

	static final ObjectMapper JSON = new ObjectMapper();

	private final WireMockExtension wireMock;

	StripeStub(WireMockExtension wireMock) {
		this.wireMock = wireMock;
	}

	/** Customers, Checkout and portal sessions, session expiry and the prices. */
	void standardAnswers() {
		this.wireMock.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(
				okJson("{\"id\": \"cus_{{randomValue length=14 type='ALPHANUMERIC'}}\", \"object\": \"customer\"}")
					.withTransformers("response-template")));
		this.wireMock.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(
				okJson("""
						{"id": "cs_test_{{randomValue length=24 type='ALPHANUMERIC'}}", "object": "checkout.session",
						 "mode": "subscription", "url": "https://checkout.stripe.test/c/pay/{{randomValue length=8 type='ALPHANUMERIC'}}"}
						""")
					.withTransformers("response-template")));
		this.wireMock.stubFor(post(urlPathMatching("/v1/checkout/sessions/[^/]+/expire"))
			.willReturn(okJson("{\"object\": \"checkout.session\", \"status\": \"expired\"}")));
		this.wireMock.stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions")).willReturn(
				okJson("""
						{"id": "bps_test_1", "object": "billing_portal.session", "url": "https://billing.stripe.test/p/session/test_1"}
						""")));
		for (String price : List.of(MONTHLY, YEARLY)) {
			this.wireMock.stubFor(get(urlPathEqualTo("/v1/prices/" + price))
				.willReturn(okJson("{\"id\": \"" + price + "\", \"object\": \"price\", \"active\": true}")));
		}
	}

	/** From now on {@code GET /v1/subscriptions/{id}} answers this state. */
	void subscription(Sub sub) {
		this.wireMock.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + sub.id())).willReturn(okJson(sub.apiJson())));
	}

	/** Stripe failing: the path answers 500. */
	void failing(String path) {
		this.wireMock.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"stub outage\"}}")));
		this.wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"stub outage\"}}")));
	}

	/** The {@code Stripe-Signature} header for {@code body} signed at {@code at}. */
	static String signature(String body, Instant at, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			long t = at.getEpochSecond();
			byte[] digest = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
			return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A webhook event around {@code object}, as an older API version sends it. */
	static String event(String id, String type, Map<String, Object> object) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", id);
		event.put("object", "event");
		event.put("api_version", "2024-06-20");
		event.put("created", Instant.now().getEpochSecond());
		event.put("livemode", false);
		event.put("pending_webhooks", 1);
		event.put("type", type);
		event.put("data", Map.of("object", object));
		return write(event);
	}

	static String write(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A Stripe subscription.
	 *
	 * @param id {@code sub_...}
	 * @param customer {@code cus_...}
	 * @param userId the {@code userId} metadata
	 * @param status Stripe's status
	 * @param price the price of its one item
	 * @param periodEnd the end of the current period
	 * @param cancelAtPeriodEnd whether it ends then
	 * @param endedAt when it ended (null: it has not)
	 * @param created when Stripe created it
	 */
	record Sub(String id, String customer, String userId, String status, String price, Instant periodEnd,
			boolean cancelAtPeriodEnd, Instant endedAt, Instant created) {

		Sub with(String status) {
			return new Sub(this.id, this.customer, this.userId, status, this.price, this.periodEnd,
					this.cancelAtPeriodEnd, this.endedAt, this.created);
		}

		Sub price(String price) {
			return new Sub(this.id, this.customer, this.userId, this.status, price, this.periodEnd,
					this.cancelAtPeriodEnd, this.endedAt, this.created);
		}

		Sub cancelAtPeriodEnd(boolean cancelAtPeriodEnd) {
			return new Sub(this.id, this.customer, this.userId, this.status, this.price, this.periodEnd,
					cancelAtPeriodEnd, this.endedAt, this.created);
		}

		Sub endedAt(Instant endedAt) {
			return new Sub(this.id, this.customer, this.userId, this.status, this.price, this.periodEnd,
					this.cancelAtPeriodEnd, endedAt, this.created);
		}

		/** As the pinned API version answers {@code GET /v1/subscriptions/{id}}. */
		String apiJson() {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", "si_" + this.id.substring(4));
			item.put("object", "subscription_item");
			item.put("current_period_start", this.periodEnd.minusSeconds(30L * 86_400).getEpochSecond());
			item.put("current_period_end", this.periodEnd.getEpochSecond());
			item.put("price", Map.of("id", this.price, "object", "price"));
			Map<String, Object> sub = base();
			sub.put("items", Map.of("object", "list", "data", List.of(item), "has_more", false, "url",
					"/v1/subscription_items?subscription=" + this.id));
			return write(sub);
		}

		/**
		 * As an older API version put it in a webhook: the period end on the subscription
		 * itself, the price as {@code plan}.
		 */
		Map<String, Object> webhookObject() {
			Map<String, Object> sub = base();
			sub.put("current_period_end", this.periodEnd.getEpochSecond());
			sub.put("plan", Map.of("id", this.price, "object", "plan"));
			return sub;
		}

		private Map<String, Object> base() {
			Map<String, Object> sub = new LinkedHashMap<>();
			sub.put("id", this.id);
			sub.put("object", "subscription");
			sub.put("customer", this.customer);
			sub.put("status", this.status);
			sub.put("created", this.created.getEpochSecond());
			sub.put("cancel_at_period_end", this.cancelAtPeriodEnd);
			sub.put("cancel_at", this.cancelAtPeriodEnd ? this.periodEnd.getEpochSecond() : null);
			sub.put("ended_at", (this.endedAt != null) ? this.endedAt.getEpochSecond() : null);
			sub.put("metadata", Map.of("userId", this.userId));
			return sub;
		}

	}

}
