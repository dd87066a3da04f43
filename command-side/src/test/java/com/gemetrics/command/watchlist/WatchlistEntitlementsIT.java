package com.gemetrics.command.watchlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.Subscribers;
import com.gemetrics.platform.subscription.EntitlementLookup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchlist's bounds are the caller's plan's, read from {@code read.subscriptions} by
 * the app's entitlement cache: a free user watches 20 items with 10 alert rules in all, a
 * premium subscriber more, and one whose subscription ends is held to the free plan's
 * bounds again at their next watch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=1h" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class WatchlistEntitlementsIT {

	static final int FIRST_ITEM = 70_001;

	static final int ITEMS = 30;

	static final String PASSWORD = "correct horse battery staple";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	EntitlementLookup entitlements;

	@BeforeEach
	void catalogue() {
		for (int item = FIRST_ITEM; item < FIRST_ITEM + ITEMS; item++) {
			this.jdbc.update("""
					INSERT INTO market.catalog_item (item_id, name, members, synced_at)
					VALUES (?, 'Item ' || ?, true, now()) ON CONFLICT (item_id) DO NOTHING
					""", item, item);
		}
	}

	@Test
	void aFreeUserWatchesTwentyItemsWithTenRules() {
		User user = newUser();
		assertThat(watch(user, FIRST_ITEM, 10).getStatusCode()).isEqualTo(HttpStatus.CREATED);

		ResponseEntity<JsonNode> eleventhRule = watch(user, FIRST_ITEM + 1, 1);
		for (int item = FIRST_ITEM + 1; item < FIRST_ITEM + 20; item++) {
			assertThat(watch(user, item, 0).getStatusCode()).as("item %d", item).isEqualTo(HttpStatus.CREATED);
		}
		ResponseEntity<JsonNode> twentyFirstItem = watch(user, FIRST_ITEM + 20, 0);

		assertRefused(eleventhRule, "RULE_LIMIT_REACHED", "10 alert rules of the free plan (premium: 500)");
		assertRefused(twentyFirstItem, "WATCHLIST_FULL", "20 items of the free plan (premium: 200)");
	}

	@Test
	void aPremiumSubscriberWatchesMoreUntilTheSubscriptionEnds() {
		User user = newUser();
		Subscribers.premium(this.jdbc, this.entitlements, user.id());

		assertThat(watch(user, FIRST_ITEM, 10).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(watch(user, FIRST_ITEM + 1, 10).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		for (int item = FIRST_ITEM + 2; item < FIRST_ITEM + 25; item++) {
			assertThat(watch(user, item, 0).getStatusCode()).as("item %d", item).isEqualTo(HttpStatus.CREATED);
		}

		Subscribers.canceled(this.jdbc, this.entitlements, user.id());
		assertRefused(watch(user, FIRST_ITEM + 25, 0), "WATCHLIST_FULL", "20 items of the free plan");
		assertRefused(watch(user, FIRST_ITEM + 2, 1), "RULE_LIMIT_REACHED", "10 alert rules of the free plan");
		assertThat(watch(user, FIRST_ITEM + 1, 0).getStatusCode()).as("dropping rules down to the plan's is allowed")
			.isEqualTo(HttpStatus.OK);
	}

	private void assertRefused(ResponseEntity<JsonNode> response, String code, String detail) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(response.getBody().get("code").textValue()).isEqualTo(code);
		assertThat(response.getBody().get("detail").textValue()).contains(detail);
	}

	private ResponseEntity<JsonNode> watch(User user, int itemId, int rules) {
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (int i = 0; i < rules; i++) {
			alerts.add(Map.of("type", "PRICE_AT_OR_ABOVE", "value", 1_000 + i));
		}
		return send(user.token(), HttpMethod.PUT, "/api/v1/watchlist/items/" + itemId, Map.of("alerts", alerts));
	}

	private User newUser() {
		String email = "plans-" + UUID.randomUUID() + "@example.test";
		ResponseEntity<JsonNode> registered = send(null, HttpMethod.POST, "/api/v1/auth/register",
				Map.of("email", email, "password", PASSWORD, "displayName", "Planner"));
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		ResponseEntity<JsonNode> login = send(null, HttpMethod.POST, "/api/v1/auth/login",
				Map.of("email", email, "password", PASSWORD));
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		return new User(registered.getBody().get("userId").textValue(), login.getBody().get("accessToken").textValue());
	}

	private ResponseEntity<JsonNode> send(String bearer, HttpMethod method, String path, Map<String, ?> body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		try {
			return this.http.exchange(path, method, new HttpEntity<>(this.json.writeValueAsString(body), headers),
					JsonNode.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A registered, logged-in user.
	 *
	 * @param id the user id
	 * @param token the access token
	 */
	record User(String id, String token) {
	}

}
