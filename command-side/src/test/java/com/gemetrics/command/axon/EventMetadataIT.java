package com.gemetrics.command.axon;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.command.RealInfrastructure;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
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
 * The metadata every stored event carries, read back from the event store after real HTTP
 * commands: the caller as actor (or {@code anonymous} before login), the request id the
 * caller sent, correlation and causation ids, and the app's version; and
 * {@code system:<job>} for work no user asked for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=1h" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class EventMetadataIT {

	static final int ITEM = 4151;

	static final String PASSWORD = "correct horse battery staple";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	EventGateway events;

	@Autowired
	BuildProperties build;

	@Test
	void anHttpCommandsEventCarriesItsCallerRequestCorrelationAndVersion() throws Exception {
		this.jdbc.update("""
				INSERT INTO market.catalog_item (item_id, name, members, synced_at)
				VALUES (?, 'Whip', true, now()) ON CONFLICT (item_id) DO NOTHING
				""", ITEM);
		String email = "meta-" + UUID.randomUUID() + "@example.test";
		ResponseEntity<JsonNode> registered = send(null, "register-" + UUID.randomUUID(), "/api/v1/auth/register",
				Map.of("email", email, "password", PASSWORD, "displayName", "Meta"));
		String userId = registered.getBody().get("userId").textValue();
		String bearer = send(null, null, "/api/v1/auth/login", Map.of("email", email, "password", PASSWORD)).getBody()
			.get("accessToken")
			.textValue();
		String requestId = "audit-it-" + UUID.randomUUID();

		ResponseEntity<JsonNode> opened = send(bearer, requestId, "/api/v1/flips",
				Map.of("itemId", ITEM, "quantity", 10, "price", 1_000, "boughtAt",
						Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString()));

		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode meta = metaData(opened.getBody().get("id").textValue(), 0);
		assertThat(meta.path(EventMetadata.ACTOR).asText()).isEqualTo(userId);
		assertThat(meta.path(EventMetadata.REQUEST_ID).asText()).isEqualTo(requestId);
		assertThat(meta.path(EventMetadata.CAUSATION_ID).asText()).isNotBlank();
		assertThat(meta.path(EventMetadata.CORRELATION_ID).asText())
			.isEqualTo(meta.path(EventMetadata.CAUSATION_ID).asText())
			.as("the command was the first message of its chain");
		assertThat(meta.path(EventMetadata.APP_VERSION).asText()).isEqualTo(this.build.getVersion()).isNotBlank();

		JsonNode registration = metaData(userId, 0);
		assertThat(registration.path(EventMetadata.ACTOR).asText()).isEqualTo(EventMetadata.ANONYMOUS);
		assertThat(registration.path(EventMetadata.REQUEST_ID).asText()).startsWith("register-");
	}

	@Test
	void workOfAJobIsAttributedToTheJob() throws Exception {
		String marker = UUID.randomUUID().toString();

		Actors.runAs("audit-it-job", () -> this.events.publish(new Marker(marker)));
		this.events.publish(new Marker(marker + "-unnamed"));

		JsonNode named = markerMetaData(marker);
		assertThat(named.path(EventMetadata.ACTOR).asText()).isEqualTo("system:audit-it-job");
		assertThat(named.has(EventMetadata.REQUEST_ID)).isFalse();
		assertThat(named.path(EventMetadata.CORRELATION_ID).asText()).isNotBlank();
		assertThat(named.path(EventMetadata.APP_VERSION).asText()).isEqualTo(this.build.getVersion());
		assertThat(markerMetaData(marker + "-unnamed").path(EventMetadata.ACTOR).asText())
			.isEqualTo(EventMetadata.UNKNOWN_ACTOR);
	}

	private JsonNode metaData(String aggregateId, long sequence) throws JsonProcessingException {
		return this.json.readTree(this.jdbc.queryForObject(
				"SELECT meta_data::text FROM event_log WHERE aggregate_identifier = ? AND sequence_number = ?",
				String.class, aggregateId, sequence));
	}

	private JsonNode markerMetaData(String marker) throws JsonProcessingException {
		return this.json.readTree(this.jdbc.queryForObject(
				"SELECT meta_data::text FROM event_log WHERE payload_type = ? AND payload->>'value' = ?", String.class,
				Marker.class.getName(), marker));
	}

	private ResponseEntity<JsonNode> send(String bearer, String requestId, String path, Map<String, ?> body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		if (requestId != null) {
			headers.set("X-Request-Id", requestId);
		}
		try {
			return this.http.exchange(path, HttpMethod.POST,
					new HttpEntity<>(this.json.writeValueAsString(body), headers), JsonNode.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A test-only event with no aggregate, like the poller's. */
	record Marker(String value) {
	}

}
