package com.gemetrics.query.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.user.UserId;
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

import static com.gemetrics.query.journal.JournalFixtures.LOBSTER;
import static com.gemetrics.query.journal.JournalFixtures.WHIP;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/v1/admin/projections/journal/replays} on the real PostgreSQL: the
 * journal is rebuilt into {@code read_next} while a reader keeps calling
 * {@code GET /api/v1/flips}, which answers the complete current rows throughout and the
 * rebuilt ones after the switch, never an empty or partial page. The current rows were
 * damaged on purpose before the rebuild (as a bug in a projection would), so the switch
 * is visible in what the reader sees.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.price-history.backfill.enabled=false", "ge.projections.rebuild-check-interval=500ms" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class JournalOnlineRebuildIT {

	static final String REPLAYS = "/api/v1/admin/projections/%s/replays";

	static final Duration TIMEOUT = Duration.ofSeconds(60);

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
	void onlyAdminsMayRebuildAKnownProjectionOfTheirsWhoseStateIsItsTables() {
		String user = tokens.bearer(UUID.randomUUID().toString(), "USER", "AUDITOR");
		assertThat(post(REPLAYS.formatted("journal"), null).getStatusCode().value()).isEqualTo(401);
		assertThat(post(REPLAYS.formatted("journal"), user).getStatusCode().value()).isEqualTo(403);
		assertThat(delete(REPLAYS.formatted("journal"), user).getStatusCode().value()).isEqualTo(403);

		ResponseEntity<String> unknown = post(REPLAYS.formatted("no-such-projection"), admin());
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(unknown.getBody()).contains("UNKNOWN_PROCESSOR");
		assertThat(post(REPLAYS.formatted("journal__next"), admin()).getBody()).contains("UNKNOWN_PROCESSOR");

		ResponseEntity<String> items = post(REPLAYS.formatted("items"), admin());
		assertThat(items.getStatusCode().value()).isEqualTo(409);
		assertThat(items.getBody()).contains("NOT_REBUILDABLE");

		ResponseEntity<String> none = delete(REPLAYS.formatted("journal"), admin());
		assertThat(none.getStatusCode().value()).isEqualTo(404);
		assertThat(none.getBody()).contains("NO_REBUILD");
	}

	@Test
	void readsAnswerTheCompleteCurrentRowsUntilTheSwitchThenTheRebuiltOnes() throws Exception {
		JournalFixtures fixtures = new JournalFixtures(this.store, this.jdbc);
		UserId user = new UserId(UUID.randomUUID());
		String bearer = tokens.bearer(user.value().toString(), "USER");
		List<JournalFixtures.FlipStream> flips = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			JournalFixtures.FlipStream flip = fixtures.open(user, "main", (i % 2 == 0) ? WHIP : LOBSTER, 10,
					1_000_000 + i, Instant.parse("2025-05-20T10:00:00Z").plusSeconds(3600L * i));
			flip.sale("s1", 4, 1_200_000, Instant.parse("2025-05-25T10:00:00Z").plusSeconds(60L * i));
			flip.sale("s2", 3, 1_300_000, Instant.parse("2025-06-03T10:00:00Z").plusSeconds(60L * i));
			flips.add(flip);
		}
		flips.forEach(fixtures::awaitApplied);
		String rebuilt = flipsPage(bearer);
		// The current rows go wrong (as a bug would make them); only a rebuild puts them
		// right.
		this.jdbc.update("UPDATE read.flips SET realized_profit = realized_profit + 7 WHERE user_id = ?", user.value());
		String damaged = flipsPage(bearer);
		assertThat(damaged).isNotEqualTo(rebuilt);
		assertThat(this.json.readTree(damaged).path("items").size()).isEqualTo(12);

		List<String> seen = new CopyOnWriteArrayList<>();
		AtomicBoolean reading = new AtomicBoolean(true);
		Thread reader = new Thread(() -> {
			while (reading.get()) {
				ResponseEntity<String> page = get("/api/v1/flips?limit=100", bearer);
				seen.add(page.getStatusCode().value() + " " + page.getBody());
			}
		});
		JdbcTemplate owner = RealInfrastructure.asOwner(this.jdbc.getDataSource());
		long switchesBefore = owner.queryForObject("SELECT count(*) FROM read.projection_switches", Long.class);
		try (Connection longReader = owner.getDataSource().getConnection()) {
			// A long read of read.flips keeps the switch from taking its lock: it must
			// give up
			// after 2 s and try again, while every other read goes on.
			holdReadLock(longReader);
			reader.start();

			ResponseEntity<String> started = post(REPLAYS.formatted("journal"), admin());
			assertThat(started.getStatusCode().value()).isEqualTo(202);
			assertThat(this.json.readTree(started.getBody()).path("name").asText()).isEqualTo("journal");
			ResponseEntity<String> again = post(REPLAYS.formatted("journal"), admin());
			assertThat(again.getStatusCode().value()).isEqualTo(409);
			assertThat(again.getBody()).contains("REPLAY_RUNNING");
			ResponseEntity<String> offline = post("/api/v1/admin/journal/replays", admin());
			assertThat(offline.getStatusCode().value()).isEqualTo(409);
			assertThat(offline.getBody()).contains("REPLAY_RUNNING");

			await().atMost(TIMEOUT).until(() -> {
				JsonNode rebuild = journal().path("rebuild");
				return rebuild.path("lag").asLong(-1) == 0;
			});
			JsonNode journal = journal();
			assertThat(journal.path("state").asText()).isEqualTo("rebuilding");
			assertThat(journal.path("rebuild").path("processor").asText()).isEqualTo("journal__next");
			assertThat(journal.path("rebuild").path("progress").asDouble()).isEqualTo(1.0);
			assertThat(owner.queryForObject("SELECT count(*) FROM read_next.flips WHERE user_id = ?", Long.class,
					user.value()))
				.isEqualTo(12);
			assertThat(owner.queryForObject(
					"SELECT count(*) FROM read_next.user_transactions_2025_06 t JOIN read_next.flips f USING (flip_id) "
							+ "WHERE f.user_id = ?",
					Long.class, user.value()))
				.isEqualTo(12);
			// Caught up, but the switch cannot lock: reads still answer the current
			// tables.
			Thread.sleep(3000);
			assertThat(flipsPage(bearer)).isEqualTo(damaged);
			assertThat(processor(list(), "journal__next")).isNull();
			longReader.rollback();

			await().atMost(TIMEOUT)
				.until(() -> owner.queryForObject("SELECT count(*) FROM read.projection_switches", Long.class)
					.equals(switchesBefore + 1));
		}
		await().atMost(TIMEOUT).until(() -> flipsPage(bearer).equals(rebuilt));
		reading.set(false);
		reader.join();

		assertThat(seen).isNotEmpty();
		assertThat(seen).allSatisfy((answer) -> assertThat(answer).isIn("200 " + damaged, "200 " + rebuilt));
		assertThat(seen).contains("200 " + damaged);
		assertThat(seen.get(seen.size() - 1)).isEqualTo("200 " + rebuilt);
		assertThat(seen.subList(seen.indexOf("200 " + rebuilt), seen.size())).containsOnly("200 " + rebuilt);

		assertThat(journal().path("state").asText()).isEqualTo("running");
		assertThat(journal().path("rebuild").isNull()).isTrue();
		assertThat(owner.queryForObject("SELECT to_regclass('read_next.flips') IS NULL", Boolean.class)).isTrue();
		assertThat(owner.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'journal__next'",
				Long.class))
			.isZero();
		assertThat(owner.queryForObject("SELECT count(*) FROM read.projection_rebuilds", Long.class)).isZero();
		// The analysts keep their privileges on the switched tables.
		assertThat(
				owner.queryForObject("SELECT has_table_privilege('ge_analyst', 'read.flips', 'SELECT')", Boolean.class))
			.isTrue();

		// The live processor goes on from the rebuilt position, on the switched tables.
		JournalFixtures.FlipStream later = fixtures
			.open(user, "main", WHIP, 5, 900_000, Instant.parse("2025-06-10T10:00:00Z"))
			.applied();
		assertThat(this.json.readTree(flipsPage(bearer)).path("items").size()).isEqualTo(13);
		assertThat(this.json.readTree(flipsPage(bearer)).path("items").get(0).path("id").asText())
			.isEqualTo(later.uuid().toString());
		ResponseEntity<String> offline = post("/api/v1/admin/journal/replays", admin());
		assertThat(offline.getStatusCode().value()).isEqualTo(202);
	}

	@Test
	void anAbandonedRebuildDropsItsTablesAndLeavesTheCurrentOnes() throws Exception {
		JdbcTemplate owner = RealInfrastructure.asOwner(this.jdbc.getDataSource());
		try (Connection longReader = owner.getDataSource().getConnection()) {
			holdReadLock(longReader);
			assertThat(post(REPLAYS.formatted("journal"), admin()).getStatusCode().value()).isEqualTo(202);
			assertThat(owner.queryForObject("SELECT to_regclass('read_next.flips') IS NOT NULL", Boolean.class))
				.isTrue();
			ResponseEntity<String> abandoned = delete(REPLAYS.formatted("journal"), admin());
			assertThat(abandoned.getStatusCode().value()).isEqualTo(204);
		}
		assertThat(owner.queryForObject("SELECT to_regclass('read_next.flips') IS NULL", Boolean.class)).isTrue();
		assertThat(owner.queryForObject("SELECT to_regclass('read.flips') IS NOT NULL", Boolean.class)).isTrue();
		assertThat(journal().path("state").asText()).isEqualTo("running");
		assertThat(owner.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'journal__next'",
				Long.class))
			.isZero();
	}

	private static void holdReadLock(Connection connection) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT count(*) FROM read.flips");
		}
	}

	private String flipsPage(String bearer) {
		ResponseEntity<String> page = get("/api/v1/flips?limit=100", bearer);
		assertThat(page.getStatusCode().value()).isEqualTo(200);
		return page.getBody();
	}

	private JsonNode journal() throws Exception {
		return processor(list(), "journal");
	}

	private JsonNode list() throws Exception {
		ResponseEntity<String> response = get("/api/v1/admin/projections", admin());
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

	private ResponseEntity<String> get(String path, String bearer) {
		return exchange(HttpMethod.GET, path, bearer);
	}

	private ResponseEntity<String> post(String path, String bearer) {
		return exchange(HttpMethod.POST, path, bearer);
	}

	private ResponseEntity<String> delete(String path, String bearer) {
		return exchange(HttpMethod.DELETE, path, bearer);
	}

	private ResponseEntity<String> exchange(HttpMethod method, String path, String bearer) {
		HttpHeaders headers = new HttpHeaders();
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(path, method, new HttpEntity<>(headers), String.class);
	}

}
