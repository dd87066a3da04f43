package com.gemetrics.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.devstack.Databases;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Billing across real processes (issue 9): both app jars on one fresh database, the
 * command side's stripe-java pointed at a local Stripe stub, a mail server for the
 * verification link. A verified user starts a checkout; Stripe's signed
 * {@code checkout.session.completed} webhook reaches the command side over HTTP; the
 * user's plan then changes on both apps: the query side answers premium and the command
 * side lifts the free plan's alert-rule cap. Prints how long after the webhook was
 * accepted each app enforced it (the issue asks for 2 s; the assertion only bounds it
 * generously, as a test on a shared machine must). Then the same event again changes
 * nothing, and a bad signature is refused without a trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingSystemIT {

	static final ObjectMapper JSON = new ObjectMapper();

	static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	static final String PASSWORD = "billing system password";

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	WireMockServer osrs;

	StripeStub stripe;

	GreenMail mail;

	AppProcess commandSide;

	AppProcess querySide;

	String databaseUrl;

	String owner;

	String ownerPassword;

	@BeforeAll
	void startSystem() throws Exception {
		this.osrs = LocalServices.osrsStub();
		this.stripe = new StripeStub();
		this.mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		this.mail.start();

		String serverUrl = env("GE_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/");
		this.owner = env("GE_TEST_DATABASE_USERNAME", "postgres");
		this.ownerPassword = env("GE_TEST_DATABASE_PASSWORD", "");
		this.databaseUrl = Databases.createFresh(serverUrl, this.owner, this.ownerPassword, "ge_it_billing");
		Map<String, String> shared = new HashMap<>(
				Map.of("GE_REDIS_URL", env("GE_TEST_REDIS_URL", "redis://127.0.0.1:6379"), "GE_REDIS_KEY_PREFIX",
						"ge-billing-it-" + UUID.randomUUID() + ":", "GE_OSRS_BASE_URL", this.osrs.baseUrl(),
						"GE_DATABASE_POOL_SIZE", "8", "SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT",
						Integer.toString(this.mail.getSmtp().getPort())));
		Map<String, String> commandEnv = new HashMap<>(shared);
		commandEnv.putAll(this.stripe.environment());
		commandEnv.putAll(AppProcess.leastPrivilegeDatabase(serverUrl, this.databaseUrl, this.owner, this.ownerPassword,
				"ge_it_command", "ge_command_app"));
		this.commandSide = AppProcess.start("command-side-billing", Path.of(System.getProperty("ge.commandSideJar")),
				commandEnv);
		Map<String, String> queryEnv = new HashMap<>(shared);
		queryEnv.putAll(AppProcess.leastPrivilegeDatabase(serverUrl, this.databaseUrl, this.owner, this.ownerPassword,
				"ge_it_query", "ge_query_app"));
		queryEnv.put("GE_COMMAND_SIDE_URL", this.commandSide.url(""));
		queryEnv.put("GE_JWKS_URL", this.commandSide.url("/.well-known/jwks.json"));
		this.querySide = AppProcess.start("query-side-billing", Path.of(System.getProperty("ge.querySideJar")),
				queryEnv);
		this.commandSide.awaitReady(this.http, START_TIMEOUT);
		this.querySide.awaitReady(this.http, START_TIMEOUT);
		await("the catalogue synced").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> count("SELECT count(*) FROM market.catalog_item WHERE item_id IN (4151, 11832)") == 2);
	}

	@AfterAll
	void stopSystem() throws InterruptedException {
		for (AppProcess app : new AppProcess[] { this.querySide, this.commandSide }) {
			if (app != null) {
				app.close();
			}
		}
		if (this.stripe != null) {
			this.stripe.close();
		}
		if (this.osrs != null) {
			this.osrs.stop();
		}
		if (this.mail != null) {
			this.mail.stop();
		}
	}

	@Test
	void aSignedCheckoutWebhookMakesTheUserPremiumOnBothAppsAndARepeatChangesNothing() throws Exception {
		String email = "billing-" + UUID.randomUUID() + "@example.com";
		String token = registerAndVerify(email);
		String userId = subject(token);

		// Free: ten alert rules in all; the eleventh is refused on the command side.
		assertThat(watch(token, 4151, 10).statusCode()).isEqualTo(201);
		HttpResponse<String> eleventh = watch(token, 11832, 1);
		assertThat(eleventh.statusCode()).as(eleventh.body()).isEqualTo(422);
		assertThat(JSON.readTree(eleventh.body()).get("code").asText()).isEqualTo("RULE_LIMIT_REACHED");
		JsonNode before = JSON.readTree(getQuery("/api/v1/me/subscription", token).body());
		assertThat(before.get("plan").asText()).isEqualTo("FREE");
		assertThat(before.get("status").asText()).isEqualTo("none");

		HttpResponse<String> checkout = postCommand("/api/v1/billing/checkout-sessions", token,
				"{\"plan\":\"PREMIUM_MONTHLY\"}");
		assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
		assertThat(JSON.readTree(checkout.body()).get("url").asText()).startsWith("https://checkout.stripe.test/");
		this.stripe.server.verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
			.withRequestBody(matching(".*client_reference_id=" + userId + ".*")));

		// The user paid: Stripe now answers the subscription as active and sends the
		// event.
		Instant periodEnd = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		this.stripe.subscription("sub_system", "cus_system", userId, StripeStub.PRICE_MONTHLY, "active", periodEnd,
				false);
		String event = StripeStub.event("evt_system_checkout", "checkout.session.completed",
				"{\"id\":\"cs_test_system\",\"object\":\"checkout.session\",\"mode\":\"subscription\","
						+ "\"status\":\"complete\",\"customer\":\"cus_system\",\"subscription\":\"sub_system\","
						+ "\"client_reference_id\":\"" + userId + "\",\"metadata\":{\"userId\":\"" + userId + "\"}}");
		String webhooks = this.commandSide.url("/api/v1/billing/stripe-webhooks");
		HttpResponse<String> accepted = StripeStub.deliver(this.http, webhooks, event,
				StripeStub.signature(event, Instant.now()));
		long acceptedAt = System.nanoTime();
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

		long[] queryMillis = { -1 };
		long[] commandMillis = { -1 };
		await("premium in force on both apps").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				if (queryMillis[0] < 0 && premiumOnQuerySide(token)) {
					queryMillis[0] = (System.nanoTime() - acceptedAt) / 1_000_000;
				}
				if (commandMillis[0] < 0 && watch(token, 11832, 1).statusCode() == 201) {
					commandMillis[0] = (System.nanoTime() - acceptedAt) / 1_000_000;
				}
				return queryMillis[0] >= 0 && commandMillis[0] >= 0;
			});
		System.out.printf("billing webhook_accepted_to_premium_ms query_side=%d command_side=%d (target 2000)%n",
				queryMillis[0], commandMillis[0]);

		JsonNode after = JSON.readTree(getQuery("/api/v1/me/subscription", token).body());
		assertThat(after.get("plan").asText()).isEqualTo("PREMIUM_MONTHLY");
		assertThat(after.get("status").asText()).isEqualTo("active");
		assertThat(Instant.parse(after.get("currentPeriodEnd").asText())).isEqualTo(periodEnd);
		assertThat(after.get("cancelAtPeriodEnd").asBoolean()).isFalse();
		assertThat(after.get("entitlements").get("premium").asBoolean()).isTrue();
		long events = count("SELECT count(*) FROM domain_event_entry WHERE type = 'Subscription'");

		// Stripe delivers at least once: the same event again is accepted and changes
		// nothing.
		HttpResponse<String> again = StripeStub.deliver(this.http, webhooks, event,
				StripeStub.signature(event, Instant.now()));
		assertThat(again.statusCode()).isEqualTo(200);
		// A forged or stale delivery is refused and stores nothing.
		String forged = StripeStub.event("evt_system_forged", "customer.subscription.deleted",
				StripeStub.subscriptionJson("sub_system", "cus_system", userId, StripeStub.PRICE_MONTHLY, "canceled",
						periodEnd, false));
		HttpResponse<String> badSignature = StripeStub.deliver(this.http, webhooks, forged,
				StripeStub.signature(forged + " ", Instant.now()));
		assertThat(badSignature.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(badSignature.body()).get("code").asText()).isEqualTo("STRIPE_SIGNATURE_INVALID");
		HttpResponse<String> stale = StripeStub.deliver(this.http, webhooks, forged,
				StripeStub.signature(forged, Instant.now().minusSeconds(301)));
		assertThat(stale.statusCode()).isEqualTo(400);

		await("the repeated event processed").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> count("SELECT count(*) FROM billing.stripe_inbox WHERE processed_at IS NULL") == 0);
		assertThat(count("SELECT count(*) FROM billing.stripe_inbox")).as("one inbox row per Stripe event id")
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM domain_event_entry WHERE type = 'Subscription'"))
			.as("no new subscription event from the repeat or the refused deliveries")
			.isEqualTo(events);
		assertThat(premiumOnQuerySide(token)).isTrue();
	}

	private boolean premiumOnQuerySide(String token) throws Exception {
		HttpResponse<String> response = getQuery("/api/v1/me/subscription", token);
		return response.statusCode() == 200
				&& JSON.readTree(response.body()).path("entitlements").path("premium").asBoolean(false);
	}

	private String registerAndVerify(String email) throws Exception {
		HttpResponse<String> registered = postCommand("/api/v1/auth/register", null,
				JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD, "displayName", "Payer")));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		String token = logIn(email);
		HttpResponse<String> verified = postCommand("/api/v1/auth/verify-email", token,
				JSON.writeValueAsString(Map.of("token", LocalServices.mailedToken(this.mail, email))));
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);
		// Verification grants the USER role; a new login carries it.
		return logIn(email);
	}

	private String logIn(String email) throws Exception {
		HttpResponse<String> login = postCommand("/api/v1/auth/login", null,
				JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD)));
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return JSON.readTree(login.body()).get("accessToken").asText();
	}

	private HttpResponse<String> watch(String token, int itemId, int rules) throws Exception {
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (int i = 0; i < rules; i++) {
			alerts.add(Map.of("type", "PRICE_AT_OR_ABOVE", "value", 1_000 + i));
		}
		return this.http
			.send(HttpRequest.newBuilder(URI.create(this.commandSide.url("/api/v1/watchlist/items/" + itemId)))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("alerts", alerts))))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postCommand(String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.commandSide.url(path)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> getQuery(String path, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.querySide.url(path)))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long count(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(this.databaseUrl, this.owner, this.ownerPassword);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static String subject(String jwt) throws IOException {
		return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).get("sub").asText();
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
