package com.gemetrics.command.flip;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.command.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flips over real HTTP against the real PostgreSQL and Redis, as real users with real
 * access tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=1h" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class FlipsIT {

	static final int ITEM = 4151;

	static final String PASSWORD = "correct horse battery staple";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	private final Instant boughtAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

	@BeforeEach
	void catalogue() {
		this.jdbc.update("""
				INSERT INTO market.catalog_item (item_id, name, members, synced_at)
				VALUES (?, 'Abyssal whip', true, now()) ON CONFLICT (item_id) DO NOTHING
				""", ITEM);
	}

	@Test
	void opensAFlipAndRecordsASale() {
		String bearer = newUser();

		ResponseEntity<JsonNode> opened = post(bearer, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", 100, "price", 1_500_000, "boughtAt", this.boughtAt.toString()));

		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = opened.getBody().get("id").textValue();
		assertThat(opened.getHeaders().getLocation()).hasToString("/api/v1/flips/" + id);
		ResponseEntity<JsonNode> sale = post(bearer, "/api/v1/flips/" + id + "/sales",
				Map.of("quantity", 40, "price", 1_600_000, "soldAt", this.boughtAt.plusSeconds(60).toString()));
		assertThat(sale.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(sale.getBody().get("id").textValue()).isNotBlank();
		assertThat(eventTypes(id)).containsExactly("com.gemetrics.api.flip.FlipOpenedEvent",
				"com.gemetrics.api.flip.FlipSaleRecordedEvent");
	}

	@Test
	void refusesToOversellAndStoresNothing() {
		String bearer = newUser();
		String id = open(bearer, 10);

		ResponseEntity<JsonNode> oversold = post(bearer, "/api/v1/flips/" + id + "/sales",
				Map.of("quantity", 11, "price", 1_600_000, "soldAt", this.boughtAt.plusSeconds(60).toString()));

		assertThat(oversold.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(oversold.getBody().get("code").textValue()).isEqualTo("OVERSOLD");
		assertThat(eventTypes(id)).containsExactly("com.gemetrics.api.flip.FlipOpenedEvent");
	}

	@Test
	void anotherUsersFlipIsNotFound() {
		String id = open(newUser(), 10);
		String stranger = newUser();
		Map<String, Object> sale = Map.of("quantity", 1, "price", 1_600_000, "soldAt",
				this.boughtAt.plusSeconds(60).toString());

		ResponseEntity<JsonNode> theirs = post(stranger, "/api/v1/flips/" + id + "/sales", sale);
		ResponseEntity<JsonNode> unknown = post(stranger, "/api/v1/flips/" + UUID.randomUUID() + "/sales", sale);

		assertThat(theirs.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(theirs.getBody().get("code")).isEqualTo(unknown.getBody().get("code"));
		assertThat(eventTypes(id)).containsExactly("com.gemetrics.api.flip.FlipOpenedEvent");
	}

	@Test
	void refusesAnItemMissingFromTheCatalogue() {
		ResponseEntity<JsonNode> response = post(newUser(), "/api/v1/flips",
				Map.of("itemId", 999_999_999, "quantity", 1, "price", 100, "boughtAt", this.boughtAt.toString()));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(response.getBody().get("code").textValue()).isEqualTo("UNKNOWN_ITEM");
	}

	@Test
	void refusesABadBody() {
		String bearer = newUser();

		ResponseEntity<JsonNode> missing = post(bearer, "/api/v1/flips", Map.of("itemId", ITEM, "quantity", 1));
		ResponseEntity<JsonNode> malformed = postRaw(bearer, "/api/v1/flips", "{\"itemId\": ");
		ResponseEntity<JsonNode> badTime = post(bearer, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", 1, "price", 100, "boughtAt", "yesterday"));

		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(badTime.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void refusesAnonymousCallers() {
		ResponseEntity<JsonNode> response = post(null, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", 1, "price", 100, "boughtAt", this.boughtAt.toString()));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private String open(String bearer, long quantity) {
		ResponseEntity<JsonNode> opened = post(bearer, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", quantity, "price", 1_500_000, "boughtAt", this.boughtAt.toString()));
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return opened.getBody().get("id").textValue();
	}

	private String newUser() {
		String email = "flipper-" + UUID.randomUUID() + "@example.test";
		assertThat(post(null, "/api/v1/auth/register",
				Map.of("email", email, "password", PASSWORD, "displayName", "Flipper"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		ResponseEntity<JsonNode> login = post(null, "/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		return login.getBody().get("accessToken").textValue();
	}

	private ResponseEntity<JsonNode> post(String bearer, String path, Map<String, ?> body) {
		try {
			return postRaw(bearer, path, this.json.writeValueAsString(body));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<JsonNode> postRaw(String bearer, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
	}

	private List<String> eventTypes(String aggregateId) {
		return this.jdbc.queryForList(
				"SELECT payload_type FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number",
				String.class, aggregateId);
	}

}
