package com.gemetrics.query.journal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.user.UserId;
import com.gemetrics.query.QuerySideApplication;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.TestTokens;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.gemetrics.query.journal.JournalFixtures.WHIP;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An online rebuild outlives the node running it: the query side is stopped (context
 * closed) in the middle of the journal's rebuild and started again on the same database;
 * the new node resumes the rebuild from its tokens, in the same shadow tables, and
 * switches them in.
 */
class JournalRebuildResumeIT {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static WireMockExtension commandSide = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static final TestTokens tokens = new TestTokens();

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aRebuildInterruptedByAShutdownResumesAfterARestartAndSwitches() throws Exception {
		tokens.serve(commandSide);
		String url;
		String redisPrefix;
		JdbcTemplate owner;
		List<Map<String, Object>> expected;
		long shadowTable;
		long positionAtStop;
		try (ConfigurableApplicationContext first = start(null, null)) {
			url = first.getEnvironment().getProperty("spring.datasource.url");
			redisPrefix = first.getEnvironment().getProperty("ge.redis.key-prefix");
			JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
			owner = RealInfrastructure.asOwner(jdbc.getDataSource());
			JournalFixtures fixtures = new JournalFixtures(first.getBean(EventStore.class), jdbc);
			UserId user = new UserId(UUID.randomUUID());
			for (int i = 0; i < 6; i++) {
				fixtures.open(user, "main", WHIP, 10, 1_000_000 + i, Instant.parse("2025-05-20T10:00:00Z"))
					.sale("s1", 10, 1_200_000, Instant.parse("2025-06-03T10:00:00Z"))
					.applied();
			}
			expected = owner.queryForList("SELECT * FROM read.flips ORDER BY flip_id");
			owner.update("UPDATE read.flips SET realized_profit = 0");
			// A long reader keeps the first node from switching before it is stopped.
			try (Connection longReader = owner.getDataSource().getConnection()) {
				holdReadLock(longReader);
				assertThat(post(first, "/api/v1/admin/projections/journal/replays").statusCode()).isEqualTo(202);
				await().atMost(TIMEOUT)
					.until(() -> owner.queryForObject("SELECT count(*) FROM read_next.flips WHERE realized_profit > 0",
							Long.class) == 6);
				shadowTable = owner.queryForObject("SELECT 'read_next.flips'::regclass::oid", Long.class);
				JsonNode rebuild = journal(first).path("rebuild");
				assertThat(rebuild.path("processor").asText()).isEqualTo("journal__next");
				positionAtStop = rebuild.path("position").asLong();
				assertThat(positionAtStop).isPositive();
				first.close();
			}
		}
		assertThat(
				owner.queryForObject("SELECT state FROM read.projection_rebuilds WHERE name = 'journal'", String.class))
			.isEqualTo("rebuilding");
		assertThat(owner.queryForList("SELECT realized_profit FROM read.flips", Long.class)).containsOnly(0L);

		try (ConfigurableApplicationContext second = start(url, redisPrefix)) {
			await().atMost(TIMEOUT)
				.until(() -> owner.queryForObject("SELECT count(*) FROM read.projection_switches", Long.class) == 1);
			// Resumed, not restarted: the same shadow table (now read.flips), tokens
			// never reset.
			assertThat(owner.queryForObject("SELECT 'read.flips'::regclass::oid", Long.class)).isEqualTo(shadowTable);
			assertThat(owner.queryForObject("SELECT position FROM read.projection_switches", Long.class))
				.isGreaterThanOrEqualTo(positionAtStop);
			assertThat(owner.queryForList("SELECT * FROM read.flips ORDER BY flip_id")).isEqualTo(expected);
			assertThat(owner.queryForObject("SELECT count(*) FROM read.projection_rebuilds", Long.class)).isZero();
			JsonNode journal = journal(second);
			assertThat(journal.path("state").asText()).isEqualTo("running");
		}
	}

	@Test
	void withTwoInstancesTheOtherStopsItsProcessorsForTheSwitchAndStartsThemAgain() throws Exception {
		tokens.serve(commandSide);
		try (ConfigurableApplicationContext first = start(null, null)) {
			String url = first.getEnvironment().getProperty("spring.datasource.url");
			String redisPrefix = first.getEnvironment().getProperty("ge.redis.key-prefix");
			JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
			JdbcTemplate owner = RealInfrastructure.asOwner(jdbc.getDataSource());
			JournalFixtures fixtures = new JournalFixtures(first.getBean(EventStore.class), jdbc);
			UserId user = new UserId(UUID.randomUUID());
			for (int i = 0; i < 6; i++) {
				fixtures.open(user, "main", WHIP, 10, 1_000_000 + i, Instant.parse("2025-05-20T10:00:00Z"))
					.sale("s1", 10, 1_200_000, Instant.parse("2025-06-03T10:00:00Z"))
					.applied();
			}
			List<Map<String, Object>> expected = owner.queryForList("SELECT * FROM read.flips ORDER BY flip_id");
			owner.update("UPDATE read.flips SET realized_profit = 0");
			try (ConfigurableApplicationContext second = start(url, redisPrefix)) {
				// Both instances run the journal: whatever segment the first releases,
				// the
				// second claims, unless it stops its processors for the switch.
				assertThat(running(second, "journal")).isTrue();

				assertThat(post(first, "/api/v1/admin/projections/journal/replays").statusCode()).isEqualTo(202);

				await().atMost(Duration.ofSeconds(90))
					.until(() -> owner.queryForObject("SELECT count(*) FROM read.projection_switches",
							Long.class) == 1);
				assertThat(owner.queryForList("SELECT * FROM read.flips ORDER BY flip_id")).isEqualTo(expected);
				// Both instances run the journal again, on the switched tables.
				await().atMost(TIMEOUT).until(() -> running(first, "journal") && running(second, "journal"));
				assertThat(running(first, "journal__next") || running(second, "journal__next")).isFalse();
				JournalFixtures.FlipStream later = fixtures
					.open(user, "main", WHIP, 5, 900_000, Instant.parse("2025-06-10T10:00:00Z"))
					.applied();
				assertThat(owner.queryForObject("SELECT count(*) FROM read.flips WHERE flip_id = ?", Long.class,
						later.uuid()))
					.isEqualTo(1);
				assertThat(journal(second).path("state").asText()).isEqualTo("running");
				assertThat(owner.queryForObject(
						"SELECT count(*) FROM token_entry WHERE processor_name = 'journal__next'", Long.class))
					.isZero();
			}
		}
	}

	private static boolean running(ConfigurableApplicationContext context, String processor) {
		return context.getBean(EventProcessingConfiguration.class)
			.eventProcessor(processor, StreamingEventProcessor.class)
			.orElseThrow()
			.isRunning();
	}

	private static void holdReadLock(Connection connection) throws Exception {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT count(*) FROM read.flips");
		}
	}

	private JsonNode journal(ConfigurableApplicationContext context) throws Exception {
		HttpResponse<String> response = this.http.send(request(context, "/api/v1/admin/projections").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		for (JsonNode processor : this.json.readTree(response.body()).path("processors")) {
			if (processor.path("name").asText().equals("journal")) {
				return processor;
			}
		}
		throw new AssertionError("no journal processor listed");
	}

	private HttpResponse<String> post(ConfigurableApplicationContext context, String path) throws Exception {
		return this.http.send(request(context, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(ConfigurableApplicationContext context, String path) {
		String port = context.getEnvironment().getProperty("local.server.port");
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + tokens.bearer(UUID.randomUUID().toString(), "USER", "ADMIN"));
	}

	/** The query side on a fresh database, or on {@code url} when given. */
	private static ConfigurableApplicationContext start(String url, String redisPrefix) {
		return new SpringApplicationBuilder(QuerySideApplication.class)
			.initializers(new RealInfrastructure(), (context) -> {
				if (url != null) {
					context.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("sameDatabase",
								Map.of("spring.datasource.url", url, "ge.redis.key-prefix", redisPrefix)));
				}
			})
			.run("--server.port=0", "--ge.price-history.backfill.enabled=false",
					"--ge.projections.rebuild-check-interval=500ms",
					"--ge.auth.jwks-url=" + TestTokens.jwksUrl(commandSide.baseUrl()));
	}

}
