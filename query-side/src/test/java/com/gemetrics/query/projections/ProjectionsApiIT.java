package com.gemetrics.query.projections;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.TestTokens;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
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
 * {@code GET /api/v1/admin/projections} on the real PostgreSQL: admins see every
 * processor of this app and the other app's processors found in {@code token_entry}, each
 * with its position, the head, lag and dead letters; other roles may not look.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "ge.price-history.backfill.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
class ProjectionsApiIT {

	static final String PATH = "/api/v1/admin/projections";

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

	@Autowired
	Serializer serializer;

	private final ObjectMapper json = new ObjectMapper();

	@DynamicPropertySource
	static void jwksUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.auth.jwks-url", () -> TestTokens.jwksUrl(commandSide.baseUrl()));
	}

	@BeforeEach
	void serveKeys() {
		tokens.serve(commandSide);
	}

	@AfterEach
	void cleanUp() {
		this.jdbc.update("DELETE FROM token_entry WHERE processor_name = 'alert-policy'");
		this.jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = 'journal'");
	}

	@Test
	void onlyAdminsMayLook() {
		assertThat(get(null).getStatusCode().value()).isEqualTo(401);
		assertThat(get(tokens.bearer(UUID.randomUUID().toString(), "USER", "AUDITOR")).getStatusCode().value())
			.isEqualTo(403);
		assertThat(get(admin()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void listsEveryProcessorOfBothAppsWithPositionHeadLagAndDeadLetters() throws Exception {
		openFlip();
		long head = this.jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			JsonNode journal = processor(list(), "journal");
			return journal != null && journal.path("position").asLong() >= head;
		});
		storeToken("alert-policy", head - 1);
		parkDeadLetter("journal");

		JsonNode body = list();

		assertThat(body.path("head").asLong()).isGreaterThanOrEqualTo(head);
		long currentHead = body.path("head").asLong();
		for (String name : new String[] { "items", "price-history", "users", "watchlist", "subscriptions", "journal",
				"rollups" }) {
			JsonNode processor = processor(body, name);
			assertThat(processor).as(name).isNotNull();
			assertThat(processor.path("app").asText()).isEqualTo("query-side");
			assertThat(processor.path("state").asText()).isEqualTo("running");
			assertThat(processor.path("head").asLong()).isEqualTo(currentHead);
		}
		JsonNode journal = processor(body, "journal");
		assertThat(journal.path("position").asLong()).isEqualTo(currentHead);
		assertThat(journal.path("lag").asLong()).isZero();
		assertThat(journal.path("etaSeconds").asLong()).isZero();
		assertThat(journal.path("segments").asInt()).isEqualTo(2);
		assertThat(journal.path("deadLetters").asLong()).isEqualTo(1);
		assertThat(journal.has("eventsPerSecond")).isTrue();
		JsonNode alertPolicy = processor(body, "alert-policy");
		assertThat(alertPolicy.path("app").asText()).isEqualTo("command-side");
		assertThat(alertPolicy.path("state").asText()).isEqualTo("stopped");
		assertThat(alertPolicy.path("position").asLong()).isEqualTo(head - 1);
		assertThat(alertPolicy.path("lag").asLong()).isEqualTo(currentHead - (head - 1));
		assertThat(alertPolicy.path("deadLetters").asLong()).isZero();
	}

	@Test
	void theOtherAppsProcessorIsRunningWhileItsClaimIsRenewed() throws Exception {
		openFlip();
		storeToken("alert-policy", 0);
		this.jdbc.update("UPDATE token_entry SET owner = 'node@command', timestamp = ? WHERE processor_name = ?",
				Instant.now().toString(), "alert-policy");

		JsonNode alertPolicy = processor(list(), "alert-policy");

		assertThat(alertPolicy.path("state").asText()).isEqualTo("running");
		assertThat(alertPolicy.path("position").asLong()).isZero();
		assertThat(alertPolicy.path("etaSeconds").isNull()).isTrue();
	}

	private void openFlip() {
		UUID flip = UUID.randomUUID();
		this.store.publish(new GenericDomainEventMessage<>("Flip", flip.toString(), 0,
				new FlipOpenedEvent(new FlipId(flip), new UserId(UUID.randomUUID()), "main", 4151, 10, 1_500_000,
						Instant.parse("2025-05-26T10:00:00Z"))));
	}

	/**
	 * A token as the command side's processor would store it (one segment, unclaimed).
	 */
	private void storeToken(String processor, long index) {
		SerializedObject<byte[]> token = this.serializer.serialize(new GlobalSequenceTrackingToken(index),
				byte[].class);
		this.jdbc.update("""
				INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)
				VALUES (?, 0, ?, ?, ?, NULL)
				""", processor, token.getData(), token.getType().getName(), Instant.now().toString());
	}

	private void parkDeadLetter(String group) {
		RealInfrastructure.asOwner(this.jdbc.getDataSource())
			.update("""
					INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,
					  message_type, event_identifier, time_stamp, payload_type, payload, enqueued_at)
					VALUES (?, ?, 'flip-1', 0, 'DomainEventMessage', ?, ?, 'x', ?, ?)
					""",
					UUID.randomUUID().toString(), group, UUID.randomUUID().toString(), Instant.now().toString(),
					"{}".getBytes(StandardCharsets.UTF_8), Instant.now().toString());
	}

	private JsonNode list() throws Exception {
		ResponseEntity<String> response = get(admin());
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		return this.json.readTree(response.getBody());
	}

	private static JsonNode processor(JsonNode body, String name) {
		for (JsonNode processor : body.path("processors")) {
			if (processor.path("name").asText().equals(name)) {
				return processor;
			}
		}
		return null;
	}

	private static String admin() {
		return tokens.bearer(UUID.randomUUID().toString(), "USER", "ADMIN");
	}

	private ResponseEntity<String> get(String bearer) {
		HttpHeaders headers = new HttpHeaders();
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(PATH, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

}
