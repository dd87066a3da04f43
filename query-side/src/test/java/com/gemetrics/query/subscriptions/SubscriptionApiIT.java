package com.gemetrics.query.subscriptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.TestTokens;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The subscription endpoints over HTTP with real RS256 access tokens, on the projection
 * fed through the event store: a subscriber sees their plan and premium entitlements, a
 * user who never subscribed the free plan; admins and auditors page through every
 * subscription by status, users may not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "ge.price-history.backfill.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
class SubscriptionApiIT {

	@RegisterExtension
	static WireMockExtension commandSide = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static final TestTokens tokens = new TestTokens();

	@Autowired
	TestRestTemplate http;

	@Autowired
	EventStore store;

	@Autowired
	JdbcTemplate jdbc;

	private final ObjectMapper json = new ObjectMapper();

	@DynamicPropertySource
	static void jwksUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.auth.jwks-url", () -> TestTokens.jwksUrl(commandSide.baseUrl()));
	}

	@BeforeEach
	void serveKeys() {
		tokens.serve(commandSide);
	}

	@Test
	void aSubscriberSeesPremiumAndANewcomerTheFreePlan() throws Exception {
		SubscriptionEvents subscriber = applied(new SubscriptionEvents(this.store).checkoutStarted(Plan.PREMIUM_YEARLY)
			.activated(Plan.PREMIUM_YEARLY, SubscriptionStatus.ACTIVE)
			.cancellationScheduled());

		ResponseEntity<String> mine = get("/api/v1/me/subscription", tokens.bearer(subscriber.user.toString(), "USER"));
		ResponseEntity<String> newcomer = get("/api/v1/me/subscription",
				tokens.bearer(UUID.randomUUID().toString(), "USER"));

		assertThat(mine.getStatusCode().value()).isEqualTo(200);
		assertThat(mine.getHeaders().getCacheControl()).isEqualTo("no-store");
		JsonNode body = this.json.readTree(mine.getBody());
		assertThat(body.path("plan").asText()).isEqualTo("PREMIUM_YEARLY");
		assertThat(body.path("status").asText()).isEqualTo("active");
		assertThat(body.path("currentPeriodEnd").asText()).isEqualTo(SubscriptionEvents.PERIOD_END.toString());
		assertThat(body.path("cancelAtPeriodEnd").asBoolean()).isTrue();
		assertThat(body.path("entitlements").path("premium").asBoolean()).isTrue();
		assertThat(body.path("entitlements").path("maxAlertRules").asInt()).isEqualTo(500);
		JsonNode free = this.json.readTree(newcomer.getBody());
		assertThat(free.path("plan").asText()).isEqualTo("FREE");
		assertThat(free.path("status").asText()).isEqualTo("none");
		assertThat(free.path("currentPeriodEnd").isNull()).isTrue();
		assertThat(free.path("entitlements").path("premium").asBoolean()).isFalse();
		assertThat(free.path("entitlements").path("maxAlertRules").asInt()).isEqualTo(10);
		assertThat(get("/api/v1/me/subscription", null).getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void adminsAndAuditorsPageThroughEverySubscriptionOfAStatus() throws Exception {
		List<String> active = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			active.add(applied(new SubscriptionEvents(this.store).checkoutStarted(Plan.PREMIUM_MONTHLY)
				.activated(Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE)).user.toString());
		}
		String canceled = applied(new SubscriptionEvents(this.store).checkoutStarted(Plan.PREMIUM_MONTHLY)
			.activated(Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE)
			.canceled()).user.toString();
		String auditor = tokens.bearer(UUID.randomUUID().toString(), "USER", "AUDITOR");

		List<String> walked = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			ResponseEntity<String> page = get(
					"/api/v1/admin/subscriptions?status=active&limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""),
					auditor);
			assertThat(page.getStatusCode().value()).isEqualTo(200);
			JsonNode body = this.json.readTree(page.getBody());
			body.path("items").forEach((item) -> {
				assertThat(item.path("status").asText()).isEqualTo("active");
				assertThat(item.path("premium").asBoolean()).isTrue();
				walked.add(item.path("userId").asText());
			});
			cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
			pages++;
		}
		while (cursor != null && pages < 10);

		assertThat(walked).containsAll(active).doesNotContain(canceled).doesNotHaveDuplicates();
		assertThat(walked).isSorted();
		JsonNode canceledOnly = this.json.readTree(get("/api/v1/admin/subscriptions?status=canceled&limit=500",
				tokens.bearer(UUID.randomUUID().toString(), "USER", "ADMIN"))
			.getBody());
		assertThat(canceledOnly.path("items").findValuesAsText("userId")).contains(canceled)
			.doesNotContainAnyElementsOf(active);
	}

	@Test
	void usersMayNotListAndBadParametersAreProblems() throws Exception {
		assertThat(
				get("/api/v1/admin/subscriptions", tokens.bearer(UUID.randomUUID().toString(), "USER")).getStatusCode()
					.value())
			.isEqualTo(403);
		assertThat(get("/api/v1/admin/subscriptions", null).getStatusCode().value()).isEqualTo(401);

		ResponseEntity<String> bad = get("/api/v1/admin/subscriptions?status=gold",
				tokens.bearer(UUID.randomUUID().toString(), "ADMIN"));
		assertThat(bad.getStatusCode().value()).isEqualTo(400);
		assertThat(bad.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(this.json.readTree(bad.getBody()).path("code").asText()).isEqualTo("INVALID_STATUS");
	}

	private SubscriptionEvents applied(SubscriptionEvents events) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForList("SELECT last_sequence FROM read.subscriptions WHERE user_id = ?",
					Long.class, events.user.value()), (sequences) -> sequences.equals(List.of(events.sequence())));
		return events;
	}

	private ResponseEntity<String> get(String path, String bearer) {
		HttpHeaders headers = new HttpHeaders();
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

}
