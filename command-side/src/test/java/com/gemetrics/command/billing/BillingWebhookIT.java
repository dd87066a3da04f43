package com.gemetrics.command.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.billing.StripeStub.Sub;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Billing end to end on the real PostgreSQL and Redis, over real HTTP as verified users
 * (mail through GreenMail), against a local Stripe stub (WireMock) that stripe-java is
 * pointed at with {@code GE_STRIPE_API_BASE}, and with webhooks signed by Stripe's
 * scheme.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=100ms", "ge.auth.mail-cooldown=1ms", "ge.stripe.enabled=true",
				"ge.stripe.api-key=" + StripeStub.API_KEY, "ge.stripe.webhook-secret=" + StripeStub.WEBHOOK_SECRET,
				"ge.stripe.price-monthly=" + StripeStub.MONTHLY, "ge.stripe.price-yearly=" + StripeStub.YEARLY,
				"ge.stripe.max-network-retries=0", "ge.stripe.health-cache-for=0s",
				"ge.stripe.inbox.poll-interval=100ms", "ge.stripe.inbox.retry-delay=200ms",
				"ge.stripe.inbox.max-attempts=3", "ge.auth.bootstrap-admin-email=" + BillingWebhookIT.ADMIN })
@ContextConfiguration(initializers = RealInfrastructure.class)
class BillingWebhookIT {

	static final String PASSWORD = "correct horse battery staple";

	static final String ADMIN = "billing-admin@example.test";

	static final String WEBHOOKS = "/api/v1/billing/stripe-webhooks";

	static final String EVENTS = "com.gemetrics.api.subscription.Subscription";

	private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

	@RegisterExtension
	static WireMockExtension stripeApi = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("ge.stripe.api-base", stripeApi::baseUrl);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	MeterRegistry meters;

	private final StripeStub stripe = new StripeStub(stripeApi);

	private final Instant periodEnd = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void stubStripe() {
		this.stripe.standardAnswers();
	}

	@Test
	void checkoutCreatesTheCustomerOnceAndItsCompletionActivatesTheSubscription() {
		User user = verifiedUser();

		ResponseEntity<JsonNode> first = post(user.bearer(), "/api/v1/billing/checkout-sessions",
				"{\"plan\": \"PREMIUM_MONTHLY\"}");
		ResponseEntity<JsonNode> second = post(user.bearer(), "/api/v1/billing/checkout-sessions",
				"{\"plan\": \"premium_yearly\"}");

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getBody().get("id").textValue()).startsWith("cs_test_");
		assertThat(first.getHeaders().getLocation()).hasToString(first.getBody().get("url").textValue());
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		stripeApi.verify(1,
				postRequestedFor(urlPathEqualTo("/v1/customers"))
					.withHeader("Idempotency-Key", equalTo("ge-customer-" + user.id()))
					.withHeader("Authorization", equalTo("Bearer " + StripeStub.API_KEY))
					.withRequestBody(containing("metadata[userId]=" + user.id())));
		stripeApi.verify(2,
				postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
					.withRequestBody(containing("mode=subscription"))
					.withRequestBody(containing("client_reference_id=" + user.id()))
					.withRequestBody(containing("subscription_data[metadata][userId]=" + user.id()))
					.withRequestBody(containing("customer=" + customer(user).get("stripe_customer_id"))));
		stripeApi.verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
			.withRequestBody(containing("line_items[0][price]=" + StripeStub.YEARLY)));
		String subscriptionId = subscriptionId(user);
		assertThat(subscriptionId).startsWith("subscription-").isNotEqualTo(user.id());
		assertThat(eventTypes(subscriptionId)).containsExactly("SubscriptionCheckoutStartedEvent",
				"SubscriptionCheckoutStartedEvent");
		double completed = counter("ge.billing.checkouts.completed");

		Sub sub = activeSub(user, "sub_" + shortId());
		this.stripe.subscription(sub);
		assertThat(deliver(completedCheckout(user, sub, first.getBody().get("id").textValue())).getStatusCode())
			.isEqualTo(HttpStatus.OK);

		awaitEvents(subscriptionId, "SubscriptionCheckoutStartedEvent", "SubscriptionCheckoutStartedEvent",
				"SubscriptionActivatedEvent");
		JsonNode activated = lastPayload(subscriptionId);
		assertThat(activated.get("stripeSubscriptionId").textValue()).isEqualTo(sub.id());
		assertThat(activated.get("plan").textValue()).isEqualTo("PREMIUM_MONTHLY");
		assertThat(activated.get("status").textValue()).isEqualTo("ACTIVE");
		assertThat(Instant.parse(activated.get("currentPeriodEnd").textValue())).isEqualTo(this.periodEnd);
		assertThat(lastMetaData(subscriptionId).get(Subscription.STRIPE_CREATED).textValue())
			.isEqualTo(sub.created().toString());
		assertThat(counter("ge.billing.checkouts.completed") - completed).isEqualTo(1);

		ResponseEntity<JsonNode> third = post(user.bearer(), "/api/v1/billing/checkout-sessions",
				"{\"plan\": \"PREMIUM_MONTHLY\"}");
		assertThat(third.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(third.getBody().get("code").textValue()).isEqualTo("SUBSCRIPTION_ALREADY_ACTIVE");
		stripeApi.verify(2, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));

		ResponseEntity<JsonNode> portal = post(user.bearer(), "/api/v1/billing/portal-sessions", null);
		assertThat(portal.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(portal.getBody().get("url").textValue()).startsWith("https://billing.stripe.test/");
		stripeApi.verify(1, postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions"))
			.withRequestBody(containing("customer=" + customer(user).get("stripe_customer_id"))));
	}

	@Test
	void theSameEventTwiceIsStoredOnceAndRecordedOnce() {
		User user = verifiedUser();
		Sub sub = subscribed(user);
		String subscriptionId = subscriptionId(user);
		this.stripe.subscription(sub.cancelAtPeriodEnd(true));
		String event = StripeStub.event("evt_" + shortId(), "customer.subscription.updated",
				sub.cancelAtPeriodEnd(true).webhookObject());
		double duplicates = webhooks("duplicate");

		ResponseEntity<JsonNode> first = deliver(event);
		awaitEvents(subscriptionId, "SubscriptionCheckoutStartedEvent", "SubscriptionActivatedEvent",
				"SubscriptionCancellationScheduledEvent");
		awaitProcessed(eventId(event));
		ResponseEntity<JsonNode> again = deliver(event);

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(first.getBody().get("duplicate").booleanValue()).isFalse();
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().get("duplicate").booleanValue()).isTrue();
		assertThat(webhooks("duplicate") - duplicates).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM billing.stripe_inbox WHERE event_id = ?",
				Integer.class, eventId(event)))
			.isEqualTo(1);
		settle();
		assertThat(eventTypes(subscriptionId)).containsExactly("SubscriptionCheckoutStartedEvent",
				"SubscriptionActivatedEvent", "SubscriptionCancellationScheduledEvent");
	}

	@Test
	void createdAndUpdatedDeliveredInReverseOrderEndInStripesCurrentState() {
		User user = verifiedUser();
		checkout(user);
		String subscriptionId = subscriptionId(user);
		Sub created = activeSub(user, "sub_" + shortId()).with("incomplete");
		Sub current = created.with("active").price(StripeStub.YEARLY).cancelAtPeriodEnd(true);
		this.stripe.subscription(current);
		String updatedEvent = StripeStub.event("evt_" + shortId(), "customer.subscription.updated",
				current.webhookObject());
		String createdEvent = StripeStub.event("evt_" + shortId(), "customer.subscription.created",
				created.webhookObject());

		deliver(updatedEvent);
		awaitProcessed(eventId(updatedEvent));
		deliver(createdEvent);
		awaitProcessed(eventId(createdEvent));

		assertThat(eventTypes(subscriptionId)).containsExactly("SubscriptionCheckoutStartedEvent",
				"SubscriptionActivatedEvent");
		JsonNode activated = lastPayload(subscriptionId);
		assertThat(activated.get("stripeSubscriptionId").textValue()).isEqualTo(current.id());
		assertThat(activated.get("plan").textValue()).isEqualTo("PREMIUM_YEARLY");
		assertThat(activated.get("stripePriceId").textValue()).isEqualTo(StripeStub.YEARLY);
		assertThat(activated.get("status").textValue()).isEqualTo("ACTIVE");
		assertThat(activated.get("cancelAtPeriodEnd").booleanValue()).isTrue();
		assertThat(Instant.parse(activated.get("currentPeriodEnd").textValue())).isEqualTo(this.periodEnd);
	}

	@Test
	void aStaleSignatureIsRefusedAndNothingIsStored() {
		String event = StripeStub.event("evt_" + shortId(), "customer.subscription.updated",
				activeSub(new User(UUID.randomUUID().toString(), null), "sub_" + shortId()).webhookObject());

		ResponseEntity<JsonNode> stale = deliver(event,
				StripeStub.signature(event, Instant.now().minusSeconds(301), StripeStub.WEBHOOK_SECRET));

		assertRefused(stale, event);
	}

	@Test
	void aBadOrMissingSignatureIsRefusedAndNothingIsStored() {
		String event = StripeStub.event("evt_" + shortId(), "customer.subscription.updated",
				activeSub(new User(UUID.randomUUID().toString(), null), "sub_" + shortId()).webhookObject());
		double refused = webhooks("refused");

		assertRefused(deliver(event, StripeStub.signature(event, Instant.now(), "whsec_someone_else")), event);
		assertRefused(deliver(event.replace("\"livemode\":false", "\"livemode\":true"),
				StripeStub.signature(event, Instant.now(), StripeStub.WEBHOOK_SECRET)), event);
		assertRefused(deliver(event, null), event);
		assertRefused(deliver(event, "t=" + Instant.now().getEpochSecond() + ",v1=00"), event);
		assertThat(webhooks("refused") - refused).isEqualTo(4);
	}

	@Test
	void anEventAcceptedBeforeACrashIsProcessedOnceTheLeaseRunsOut() {
		User user = verifiedUser();
		Sub sub = subscribed(user);
		String subscriptionId = subscriptionId(user);
		this.stripe.subscription(sub.with("past_due"));
		String event = StripeStub.event("evt_" + shortId(), "customer.subscription.updated",
				sub.with("past_due").webhookObject());
		this.jdbc.update("""
				INSERT INTO billing.stripe_inbox (event_id, type, payload, stripe_created, received_at,
				    next_attempt_at, attempts, lease_until, claim_id)
				VALUES (?, 'customer.subscription.updated', ?::jsonb, now(), now(), now(), 1,
				    now() + interval '2 seconds', ?)
				""", eventId(event), event, UUID.randomUUID());

		settle();
		assertThat(processedAt(eventId(event))).as("claimed by an instance that died: left alone for now").isNull();
		awaitProcessed(eventId(event));

		assertThat(eventTypes(subscriptionId)).containsExactly("SubscriptionCheckoutStartedEvent",
				"SubscriptionActivatedEvent", "SubscriptionChangedEvent");
		assertThat(lastPayload(subscriptionId).get("status").textValue()).isEqualTo("PAST_DUE");
		assertThat(this.jdbc.queryForObject("SELECT attempts FROM billing.stripe_inbox WHERE event_id = ?",
				Integer.class, eventId(event)))
			.isEqualTo(2);
	}

	@Test
	void failedAndPaidInvoicesAreRecordedWithTheirAmounts() {
		User user = verifiedUser();
		Sub sub = subscribed(user);
		String subscriptionId = subscriptionId(user);
		double payments = counter("ge.billing.payments");
		double failures = counter("ge.billing.payment.failures");
		Instant nextAttempt = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		String invoiceId = "in_" + shortId();
		this.stripe.subscription(sub.with("past_due"));
		Map<String, Object> failedInvoice = Map.of("id", invoiceId, "object", "invoice", "customer", sub.customer(),
				"subscription", sub.id(), "amount_due", 499, "amount_paid", 0, "currency", "EUR", "attempt_count", 1,
				"next_payment_attempt", nextAttempt.getEpochSecond(), "billing_reason", "subscription_cycle");

		deliver(StripeStub.event("evt_" + shortId(), "invoice.payment_failed", failedInvoice));
		awaitEvents(subscriptionId, "SubscriptionCheckoutStartedEvent", "SubscriptionActivatedEvent",
				"SubscriptionChangedEvent", "SubscriptionPaymentFailedEvent");

		JsonNode failed = lastPayload(subscriptionId);
		assertThat(failed.get("stripeInvoiceId").textValue()).isEqualTo(invoiceId);
		assertThat(failed.get("amountDue").longValue()).isEqualTo(499);
		assertThat(failed.get("currency").textValue()).isEqualTo("eur");
		assertThat(failed.get("attemptCount").intValue()).isEqualTo(1);
		assertThat(Instant.parse(failed.get("nextAttemptAt").textValue())).isEqualTo(nextAttempt);

		this.stripe.subscription(sub);
		Map<String, Object> paidInvoice = Map.of("id", invoiceId, "object", "invoice", "customer", sub.customer(),
				"parent",
				Map.of("type", "subscription_details", "subscription_details",
						Map.of("subscription", sub.id(), "metadata", Map.of("userId", user.id()))),
				"amount_paid", 499, "currency", "eur", "attempt_count", 2, "billing_reason", "subscription_cycle",
				"status_transitions", Map.of("paid_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond()),
				"lines", Map.of("object", "list", "data",
						List.of(Map.of("period", Map.of("end", this.periodEnd.getEpochSecond())))));
		deliver(StripeStub.event("evt_" + shortId(), "invoice.paid", paidInvoice));
		awaitEvents(subscriptionId, "SubscriptionCheckoutStartedEvent", "SubscriptionActivatedEvent",
				"SubscriptionChangedEvent", "SubscriptionPaymentFailedEvent", "SubscriptionChangedEvent",
				"SubscriptionRenewedEvent");

		JsonNode renewed = lastPayload(subscriptionId);
		assertThat(renewed.get("stripeInvoiceId").textValue()).isEqualTo(invoiceId);
		assertThat(renewed.get("amountPaid").longValue()).isEqualTo(499);
		assertThat(renewed.get("currency").textValue()).isEqualTo("eur");
		assertThat(renewed.get("billingReason").textValue()).isEqualTo("subscription_cycle");
		assertThat(Instant.parse(renewed.get("periodEnd").textValue())).isEqualTo(this.periodEnd);
		assertThat(counter("ge.billing.payments") - payments).isEqualTo(1);
		assertThat(counter("ge.billing.payment.failures") - failures).isEqualTo(1);
	}

	@Test
	void aDeletedSubscriptionIsCanceled() {
		User user = verifiedUser();
		Sub sub = subscribed(user);
		String subscriptionId = subscriptionId(user);
		Instant endedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Sub ended = sub.with("canceled").endedAt(endedAt);
		this.stripe.subscription(ended);

		deliver(StripeStub.event("evt_" + shortId(), "customer.subscription.deleted", ended.webhookObject()));

		awaitEvents(subscriptionId, "SubscriptionCheckoutStartedEvent", "SubscriptionActivatedEvent",
				"SubscriptionCanceledEvent");
		assertThat(Instant.parse(lastPayload(subscriptionId).get("endedAt").textValue())).isEqualTo(endedAt);
		ResponseEntity<JsonNode> again = post(user.bearer(), "/api/v1/billing/checkout-sessions",
				"{\"plan\": \"PREMIUM_MONTHLY\"}");
		assertThat(again.getStatusCode()).as("free again: may subscribe anew").isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void anEventOfACustomerWeCannotTieToAUserIsGivenUp() {
		double dead = counter("ge.billing.inbox.dead");
		Map<String, Object> object = Map.of("id", "sub_" + shortId(), "object", "subscription", "customer",
				"cus_" + shortId(), "status", "active", "metadata", Map.of());
		String event = StripeStub.event("evt_" + shortId(), "customer.subscription.updated", object);

		deliver(event);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject(
					"SELECT dead_at IS NOT NULL FROM billing.stripe_inbox WHERE event_id = ?", Boolean.class,
					eventId(event)));
		assertThat(this.jdbc.queryForObject("SELECT last_error FROM billing.stripe_inbox WHERE event_id = ?",
				String.class, eventId(event)))
			.contains("names no user");
		assertThat(counter("ge.billing.inbox.dead") - dead).isEqualTo(1);
	}

	@Test
	void adminsSeeDeadEventsAndRetryThemOnceTheCauseIsFixed() {
		String customer = "cus_" + shortId();
		Sub sub = new Sub("sub_" + shortId(), customer, "", "active", StripeStub.MONTHLY, this.periodEnd, false, null,
				Instant.now().truncatedTo(ChronoUnit.SECONDS));
		Map<String, Object> object = Map.of("id", sub.id(), "object", "subscription", "customer", customer, "status",
				"active", "metadata", Map.of());
		String event = StripeStub.event("evt_" + shortId(), "customer.subscription.created", object);
		deliver(event);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject(
					"SELECT dead_at IS NOT NULL FROM billing.stripe_inbox WHERE event_id = ?", Boolean.class,
					eventId(event)));
		String admin = adminBearer();
		User user = verifiedUser();

		ResponseEntity<JsonNode> dead = get(admin, "/api/v1/admin/billing/stripe-events?state=dead&limit=500");
		assertThat(dead.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode listed = null;
		for (JsonNode item : dead.getBody().get("items")) {
			if (item.get("eventId").textValue().equals(eventId(event))) {
				listed = item;
			}
		}
		assertThat(listed).isNotNull();
		assertThat(listed.get("lastError").textValue()).contains("names no user");
		assertThat(listed.has("payload")).isFalse();
		assertThat(get(user.bearer(), "/api/v1/admin/billing/stripe-events").getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);

		this.jdbc.update("INSERT INTO billing.customers VALUES (?::uuid, ?, ?, now())", user.id(), customer,
				"subscription-" + UUID.randomUUID());
		this.stripe.subscription(sub);
		assertThat(
				post(admin, "/api/v1/admin/billing/stripe-events/" + eventId(event) + "/retries", null).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		assertThat(post(admin, "/api/v1/admin/billing/stripe-events/evt_unknown/retries", null).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);

		awaitProcessed(eventId(event));
		awaitEvents(subscriptionId(user), "SubscriptionActivatedEvent");
	}

	@Test
	void eventTypesWeDoNotActOnAreStoredProcessed() {
		String event = StripeStub.event("evt_" + shortId(), "customer.created",
				Map.of("id", "cus_" + shortId(), "object", "customer"));

		assertThat(deliver(event).getStatusCode()).isEqualTo(HttpStatus.OK);

		assertThat(processedAt(eventId(event))).isNotNull();
	}

	@Test
	void billingNeedsAVerifiedAddress() {
		String email = "unverified-" + shortId() + "@example.test";
		post(null, "/api/v1/auth/register", body(Map.of("email", email, "password", PASSWORD, "displayName", "New")));
		String bearer = post(null, "/api/v1/auth/login", body(Map.of("email", email, "password", PASSWORD))).getBody()
			.get("accessToken")
			.textValue();

		ResponseEntity<JsonNode> refused = post(bearer, "/api/v1/billing/checkout-sessions",
				"{\"plan\": \"PREMIUM_MONTHLY\"}");

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(refused.getBody().get("code").textValue()).isEqualTo("EMAIL_NOT_VERIFIED");
		stripeApi.verify(0, postRequestedFor(urlPathEqualTo("/v1/customers")));
	}

	@Test
	void stripeUnreachableIs503AndTheDeepHealthSaysSo() {
		User user = verifiedUser();
		this.stripe.failing("/v1/checkout/sessions");
		this.stripe.failing("/v1/prices/" + StripeStub.MONTHLY);

		ResponseEntity<JsonNode> checkout = post(user.bearer(), "/api/v1/billing/checkout-sessions",
				"{\"plan\": \"PREMIUM_MONTHLY\"}");
		ResponseEntity<JsonNode> health = this.http.getForEntity("/health/deep", JsonNode.class);

		assertThat(checkout.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(checkout.getBody().get("code").textValue()).isEqualTo("BILLING_UNAVAILABLE");
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(health.getBody().at("/components/stripe/status").textValue()).isEqualTo("DOWN");
		assertThat(health.getBody().at("/components/stripe/details/reason").textValue()).contains("HTTP 500")
			.doesNotContain(StripeStub.API_KEY);
		stripeApi.verify(1, getRequestedFor(urlPathEqualTo("/v1/prices/" + StripeStub.MONTHLY)));

		this.stripe.standardAnswers();
		ResponseEntity<JsonNode> recovered = this.http.getForEntity("/health/deep", JsonNode.class);
		assertThat(recovered.getBody().at("/components/stripe/status").textValue()).isEqualTo("UP");
	}

	@Test
	void theQueryRoleCannotReadTheBillingSchema() {
		JdbcTemplate owner = RealInfrastructure.asOwner(this.jdbc.getDataSource());
		String denied = owner.execute((java.sql.Connection connection) -> {
			try (java.sql.Statement statement = connection.createStatement()) {
				statement.execute("SET ROLE ge_query_app");
				statement.executeQuery("SELECT count(*) FROM billing.customers");
				return "read";
			}
			catch (java.sql.SQLException ex) {
				return ex.getMessage();
			}
		});
		assertThat(denied).contains("permission denied for schema billing");
	}

	// --- flows

	private Sub subscribed(User user) {
		String session = checkout(user);
		Sub sub = activeSub(user, "sub_" + shortId());
		this.stripe.subscription(sub);
		deliver(completedCheckout(user, sub, session));
		awaitEvents(subscriptionId(user), "SubscriptionCheckoutStartedEvent", "SubscriptionActivatedEvent");
		return sub;
	}

	private String checkout(User user) {
		ResponseEntity<JsonNode> started = post(user.bearer(), "/api/v1/billing/checkout-sessions",
				"{\"plan\": \"PREMIUM_MONTHLY\"}");
		assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return started.getBody().get("id").textValue();
	}

	private Sub activeSub(User user, String id) {
		String customer = (user.bearer() != null) ? (String) customer(user).get("stripe_customer_id")
				: "cus_" + shortId();
		return new Sub(id, customer, user.id(), "active", StripeStub.MONTHLY, this.periodEnd, false, null,
				Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	private static String completedCheckout(User user, Sub sub, String session) {
		return StripeStub.event("evt_" + shortId(), "checkout.session.completed",
				Map.of("id", session, "object", "checkout.session", "mode", "subscription", "status", "complete",
						"customer", sub.customer(), "subscription", sub.id(), "client_reference_id", user.id(),
						"customer_details", Map.of("email", "someone@example.test", "name", "Some One")));
	}

	private ResponseEntity<JsonNode> deliver(String event) {
		return deliver(event, StripeStub.signature(event, Instant.now(), StripeStub.WEBHOOK_SECRET));
	}

	private ResponseEntity<JsonNode> deliver(String event, String signature) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("application/json; charset=utf-8"));
		if (signature != null) {
			headers.set("Stripe-Signature", signature);
		}
		return this.http.exchange(WEBHOOKS, HttpMethod.POST, new HttpEntity<>(event, headers), JsonNode.class);
	}

	private void assertRefused(ResponseEntity<JsonNode> response, String event) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("code").textValue()).isEqualTo("STRIPE_SIGNATURE_INVALID");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM billing.stripe_inbox WHERE event_id = ?",
				Integer.class, eventId(event)))
			.isZero();
	}

	// --- users

	private User verifiedUser() {
		return verifiedUser("payer-" + shortId() + "@example.test");
	}

	private User verifiedUser(String email) {
		ResponseEntity<JsonNode> registered = post(null, "/api/v1/auth/register",
				body(Map.of("email", email, "password", PASSWORD, "displayName", "Payer")));
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String userId = registered.getBody().get("userId").textValue();
		JsonNode session = post(null, "/api/v1/auth/login", body(Map.of("email", email, "password", PASSWORD)))
			.getBody();
		assertThat(post(session.get("accessToken").textValue(), "/api/v1/auth/verify-email",
				body(Map.of("token", verificationToken(email))))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		JsonNode refreshed = post(null, "/api/v1/auth/refresh",
				body(Map.of("refreshToken", session.get("refreshToken").textValue())))
			.getBody();
		return new User(userId, refreshed.get("accessToken").textValue());
	}

	/** The bootstrap admin (this class registers it once). */
	private String adminBearer() {
		return verifiedUser(ADMIN).bearer();
	}

	private static String verificationToken(String email) {
		List<MimeMessage> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			found.clear();
			Stream.of(mail.getReceivedMessages()).filter((message) -> sentTo(message, email)).forEach(found::add);
			return !found.isEmpty();
		});
		try {
			Matcher matcher = TOKEN.matcher(found.get(0).getContent().toString());
			assertThat(matcher.find()).as("a token link in the mail").isTrue();
			return matcher.group(1);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean sentTo(MimeMessage message, String recipient) {
		try {
			return Stream.of(message.getAllRecipients())
				.anyMatch((address) -> address.toString().equalsIgnoreCase(recipient));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// --- reading the outcome

	private Map<String, Object> customer(User user) {
		return this.jdbc.queryForMap("SELECT * FROM billing.customers WHERE user_id = ?::uuid", user.id());
	}

	private String subscriptionId(User user) {
		return (String) customer(user).get("subscription_id");
	}

	private List<String> eventTypes(String aggregateId) {
		return this.jdbc
			.queryForList("SELECT payload_type FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number",
					String.class, aggregateId)
			.stream()
			.map((type) -> type.substring(type.lastIndexOf('.') + 1))
			.toList();
	}

	private void awaitEvents(String aggregateId, String... types) {
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(eventTypes(aggregateId)).containsExactly(types));
	}

	private JsonNode lastPayload(String aggregateId) {
		return readTree(this.jdbc.queryForObject(
				"SELECT payload::text FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1",
				String.class, aggregateId));
	}

	private JsonNode lastMetaData(String aggregateId) {
		return readTree(this.jdbc.queryForObject(
				"SELECT meta_data::text FROM event_log WHERE aggregate_identifier = ? "
						+ "AND payload_type LIKE '%SubscriptionActivatedEvent' ORDER BY sequence_number DESC LIMIT 1",
				String.class, aggregateId));
	}

	private Instant processedAt(String eventId) {
		java.sql.Timestamp at = this.jdbc.queryForObject(
				"SELECT processed_at FROM billing.stripe_inbox WHERE event_id = ?", java.sql.Timestamp.class, eventId);
		return (at != null) ? at.toInstant() : null;
	}

	private void awaitProcessed(String eventId) {
		await().atMost(Duration.ofSeconds(15)).until(() -> processedAt(eventId) != null);
	}

	/** Gives the processor time to do what it should not. */
	private static void settle() {
		try {
			Thread.sleep(700);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String eventId(String event) {
		return readTree(event).get("id").textValue();
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	private double webhooks(String outcome) {
		return this.meters.get("ge.billing.webhooks").tag("outcome", outcome).counter().count();
	}

	// --- HTTP

	private ResponseEntity<JsonNode> post(String bearer, String path, String jsonBody) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(path, HttpMethod.POST, new HttpEntity<>(jsonBody, headers), JsonNode.class);
	}

	private ResponseEntity<JsonNode> get(String bearer, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(bearer);
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
	}

	private String body(Map<String, String> fields) {
		try {
			return this.json.writeValueAsString(fields);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode readTree(String text) {
		try {
			return this.json.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String shortId() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 14);
	}

	/** A user and their access token (null: none). */
	private record User(String id, String bearer) {
	}

}
