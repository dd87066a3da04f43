package com.gemetrics.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local stand-in for the Stripe API, for the jars the system tests start: the calls the
 * command side makes (customers, Checkout and portal sessions, prices, subscriptions),
 * answered in Stripe's JSON shapes, and webhooks signed with Stripe's scheme
 * ({@code t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, keyed with the whole
 * {@code whsec_} string) so the command side verifies them with stripe-java as it would
 * Stripe's own.
 */
final class StripeStub implements AutoCloseable {

	static final String API_KEY = "sk_test_system_it";

	static final String WEBHOOK_SECRET = "whsec_system_it_0123456789abcdef";

	static final String PRICE_MONTHLY = "price_system_monthly";

	static final String PRICE_YEARLY = "price_system_yearly";

	final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	StripeStub() {
		this.server.start();
		this.server.stubFor(any(anyUrl()).atPriority(10)
			.willReturn(aResponse().withStatus(404)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such resource\"}}")));
		this.server.stubFor(post(urlPathEqualTo("/v1/customers"))
			.willReturn(okJson("{\"id\":\"cus_system\",\"object\":\"customer\",\"metadata\":{}}")));
		this.server.stubFor(post(urlPathEqualTo("/v1/checkout/sessions"))
			.willReturn(okJson("{\"id\":\"cs_test_system\",\"object\":\"checkout.session\",\"mode\":\"subscription\","
					+ "\"url\":\"https://checkout.stripe.test/c/pay/cs_test_system\"}")));
		this.server.stubFor(post(urlPathMatching("/v1/checkout/sessions/[^/]+/expire"))
			.willReturn(okJson("{\"id\":\"cs_test_system\",\"object\":\"checkout.session\",\"status\":\"expired\"}")));
		this.server.stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions"))
			.willReturn(okJson("{\"id\":\"bps_system\",\"object\":\"billing_portal.session\","
					+ "\"url\":\"https://billing.stripe.test/p/session/bps_system\"}")));
		for (String price : new String[] { PRICE_MONTHLY, PRICE_YEARLY }) {
			this.server.stubFor(get(urlPathEqualTo("/v1/prices/" + price))
				.willReturn(okJson("{\"id\":\"" + price + "\",\"object\":\"price\",\"active\":true}")));
		}
	}

	/** The settings that point the command side at this stub, billing on. */
	Map<String, String> environment() {
		return Map.of("GE_STRIPE_ENABLED", "true", "GE_STRIPE_API_BASE", this.server.baseUrl(), "GE_STRIPE_API_KEY",
				API_KEY, "GE_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET, "GE_STRIPE_PRICE_MONTHLY", PRICE_MONTHLY,
				"GE_STRIPE_PRICE_YEARLY", PRICE_YEARLY);
	}

	/** From now on Stripe answers this subscription's current state as given. */
	void subscription(String id, String customer, String userId, String price, String status, Instant currentPeriodEnd,
			boolean cancelAtPeriodEnd) {
		this.server.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + id)).willReturn(
				okJson(subscriptionJson(id, customer, userId, price, status, currentPeriodEnd, cancelAtPeriodEnd))));
	}

	static String subscriptionJson(String id, String customer, String userId, String price, String status,
			Instant currentPeriodEnd, boolean cancelAtPeriodEnd) {
		long end = currentPeriodEnd.getEpochSecond();
		return """
				{"id":"%s","object":"subscription","customer":"%s","status":"%s","created":%d,
				 "cancel_at_period_end":%s,"cancel_at":null,"ended_at":null,"metadata":{"userId":"%s"},
				 "items":{"object":"list","has_more":false,"data":[{"id":"si_%s","object":"subscription_item",
				 "quantity":1,"current_period_start":%d,"current_period_end":%d,
				 "price":{"id":"%s","object":"price","active":true}}]}}
				""".formatted(id, customer, status, end - 2_592_000, cancelAtPeriodEnd, userId, id, end - 2_592_000,
				end, price);
	}

	/** A Stripe event of {@code type} carrying {@code object}, as Stripe posts it. */
	static String event(String id, String type, String object) {
		return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":"
				+ Instant.now().getEpochSecond() + ",\"livemode\":false,\"data\":{\"object\":" + object + "}}";
	}

	/**
	 * The {@code Stripe-Signature} header Stripe would send with {@code body} at
	 * {@code at}.
	 */
	static String signature(String body, Instant at) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			long t = at.getEpochSecond();
			byte[] digest = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
			return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Posts {@code body} to the webhook endpoint with {@code signature}; answers the
	 * status.
	 */
	static HttpResponse<String> deliver(HttpClient http, String webhookUrl, String body, String signature)
			throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(webhookUrl))
			.header("Content-Type", "application/json; charset=utf-8")
			.header("Stripe-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
