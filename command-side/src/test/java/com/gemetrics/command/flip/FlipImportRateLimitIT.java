package com.gemetrics.command.flip;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.command.RealInfrastructure;
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
 * Flip imports count as uploads: the platform's per-user upload limit (5 a period by
 * default) applies to {@code POST /api/v1/flips/imports}, with the real Redis. The period
 * is an hour here, so no token comes back while the test runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=true",
				"ge.protection.rate-limit.period=1h", "ge.auth.mail.poll-interval=1h" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class FlipImportRateLimitIT {

	static final String PASSWORD = "correct horse battery staple";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	@Test
	void aUserMayImportFiveTimesAPeriodAndIsThenRefusedWith429() {
		this.jdbc.update("""
				INSERT INTO market.catalog_item (item_id, name, members, synced_at)
				VALUES (4151, 'Abyssal whip', true, now()) ON CONFLICT (item_id) DO NOTHING
				""");
		String bearer = newUser();
		Instant boughtAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

		for (int i = 1; i <= 5; i++) {
			ResponseEntity<JsonNode> allowed = importCsv(bearer,
					"external_id,item_id,quantity,buy_price,bought_at\n" + "r-" + i + ",4151,1,100," + boughtAt + "\n");
			assertThat(allowed.getStatusCode()).as("import %d", i).isEqualTo(HttpStatus.OK);
			assertThat(allowed.getBody().get("imported").intValue()).isEqualTo(1);
		}
		ResponseEntity<JsonNode> refused = importCsv(bearer,
				"external_id,item_id,quantity,buy_price,bought_at\nr-6,4151,1,100," + boughtAt + "\n");

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.getHeaders().getFirst("Retry-After")).isNotBlank();
		assertThat(refused.getBody().get("code").textValue()).isNotBlank();
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM event_log WHERE payload_type = 'com.gemetrics.api.flip.FlipOpenedEvent'",
				Long.class))
			.isEqualTo(5L);
	}

	private ResponseEntity<JsonNode> importCsv(String bearer, String csv) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(bearer);
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		return this.http.postForEntity("/api/v1/flips/imports", new HttpEntity<>(csv, headers), JsonNode.class);
	}

	private String newUser() {
		String email = "importer-" + UUID.randomUUID() + "@example.test";
		assertThat(post(null, "/api/v1/auth/register",
				Map.of("email", email, "password", PASSWORD, "displayName", "Importer"))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		ResponseEntity<JsonNode> login = post(null, "/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		return login.getBody().get("accessToken").textValue();
	}

	private ResponseEntity<JsonNode> post(String bearer, String path, Map<String, ?> body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		try {
			return this.http.postForEntity(path, new HttpEntity<>(this.json.writeValueAsString(body), headers),
					JsonNode.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
