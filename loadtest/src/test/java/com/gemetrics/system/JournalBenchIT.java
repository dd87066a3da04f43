package com.gemetrics.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.devstack.Databases;
import com.gemetrics.loadtest.journal.JournalApi;
import com.gemetrics.loadtest.journal.LoadRun;
import com.gemetrics.loadtest.journal.RawEventInserts;
import com.gemetrics.loadtest.journal.Visibility;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The parts of {@code bench.sh journal} that can run without the query side's flips view:
 * against the real command-side jar (on a fresh database, the OSRS catalogue from the
 * fixtures) the API writers open flips with their own users' tokens, and the raw JDBC
 * reference inserts rows copied from the API's row; the visibility probe is run against a
 * stub that answers 404 until the flip is "visible". Counts and rows are asserted, never
 * timings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalBenchIT {

	static final ObjectMapper JSON = new ObjectMapper();

	static final int WHIP = 4151;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	WireMockServer osrs;

	WireMockServer querySide;

	AppProcess commandSide;

	String databaseUrl;

	String databaseUser;

	String databasePassword;

	@BeforeAll
	void startCommandSide() throws Exception {
		this.osrs = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		this.osrs.start();
		this.osrs.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(403)));
		serve("/mapping", "mapping_2025-05-23.json");
		serve("/latest", "latest_2025-05-26.json");
		this.querySide = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		this.querySide.start();

		this.databaseUser = env("GE_TEST_DATABASE_USERNAME", "postgres");
		this.databasePassword = env("GE_TEST_DATABASE_PASSWORD", "");
		String serverUrl = env("GE_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/");
		this.databaseUrl = Databases.createFresh(serverUrl, this.databaseUser, this.databasePassword,
				"ge_it_journal_bench");
		Map<String, String> commandEnv = new java.util.HashMap<>(
				Map.of("GE_REDIS_URL", env("GE_TEST_REDIS_URL", "redis://127.0.0.1:6379"), "GE_REDIS_KEY_PREFIX",
						"ge-journal-bench-it-" + UUID.randomUUID() + ":", "GE_OSRS_BASE_URL", this.osrs.baseUrl(),
						"GE_RATE_LIMIT_ENABLED", "false", "GE_DATABASE_POOL_SIZE", "8"));
		commandEnv.putAll(AppProcess.leastPrivilegeDatabase(serverUrl, this.databaseUrl, this.databaseUser,
				this.databasePassword, "ge_it_command", "ge_command_app"));
		this.commandSide = AppProcess.start("command-side-journal-bench",
				Path.of(System.getProperty("ge.commandSideJar")), commandEnv);
		this.commandSide.awaitReady(this.http);
		await("the catalogue synced").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> count("SELECT count(*) FROM market.catalog_item WHERE item_id = " + WHIP) == 1);
	}

	@AfterAll
	void stop() throws InterruptedException {
		if (this.commandSide != null) {
			this.commandSide.close();
		}
		if (this.osrs != null) {
			this.osrs.stop();
		}
		if (this.querySide != null) {
			this.querySide.stop();
		}
	}

	@Test
	void apiWritersOpenFlipsEachWithTheirOwnUsersToken() throws Exception {
		JournalApi api = new JournalApi(this.commandSide.url(""), this.querySide.baseUrl());
		List<String> tokens = new ArrayList<>();
		Set<String> users = new HashSet<>();
		for (int i = 0; i < 3; i++) {
			String token = api.registerAndLogIn("writer-" + UUID.randomUUID() + "@example.com",
					"a long bench password");
			tokens.add(token);
			users.add(subject(token));
		}
		String flipsSince = " FROM domain_event_entry WHERE payload_type LIKE '%FlipOpenedEvent' AND global_index > "
				+ count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");

		LoadRun.Result run = LoadRun.run(3, 12, Duration.ofMinutes(1),
				(i) -> () -> api.openFlip(tokens.get(i), WHIP, 1, 100).created());

		assertThat(run.failed()).isZero();
		assertThat(run.succeeded()).isEqualTo(12);
		assertThat(count("SELECT count(*)" + flipsSince)).isEqualTo(12);
		Set<String> owners = new HashSet<>();
		for (String payload : strings("SELECT convert_from(payload, 'UTF8')" + flipsSince)) {
			owners.add(users.stream().filter(payload::contains).findFirst().orElse("someone else"));
		}
		assertThat(users).containsAll(owners);
		assertThat(api.openFlip(tokens.get(0), 1, 1, 100).status()).as("an item outside the catalogue").isEqualTo(422);
	}

	@Test
	void rawInsertsCopyTheApiRowWithIdsOfTheirOwnAndOneCommitEach() throws Exception {
		JournalApi api = new JournalApi(this.commandSide.url(""), this.querySide.baseUrl());
		String token = api.registerAndLogIn("raw-" + UUID.randomUUID() + "@example.com", "a long bench password");
		assertThat(api.openFlip(token, WHIP, 1, 100).created()).isTrue();
		RawEventInserts raw = RawEventInserts.fromLatestFlip(this.databaseUrl, this.databaseUser, this.databasePassword,
				true);
		RawEventInserts.Template template = raw.template();
		assertThat(template.payloadType()).hasSameSizeAs("com.gemetrics.api.flip.FlipOpenedEvent")
			.isNotEqualTo("com.gemetrics.api.flip.FlipOpenedEvent");
		assertThat(template.payload()).contains(template.flipId()).contains(subject(token));

		LoadRun.Result run = LoadRun.run(3, 30, Duration.ofMinutes(1), (i) -> raw.worker());

		assertThat(run.failed()).isZero();
		assertThat(run.succeeded()).isEqualTo(30);
		String rows = "FROM domain_event_entry WHERE payload_type = '" + template.payloadType() + "'";
		assertThat(count("SELECT count(*) " + rows)).isEqualTo(30);
		assertThat(count("SELECT count(DISTINCT aggregate_identifier) " + rows)).isEqualTo(30);
		assertThat(count("SELECT count(*) " + rows + " AND sequence_number = 0 AND octet_length(payload) = "
				+ template.payload().getBytes(StandardCharsets.UTF_8).length
				+ " AND position(aggregate_identifier IN convert_from(payload, 'UTF8')) > 0"))
			.isEqualTo(30);
		assertThat(RawEventInserts.fromLatestFlip(this.databaseUrl, this.databaseUser, this.databasePassword, false)
			.template()
			.payloadType()).isEqualTo("com.gemetrics.api.flip.FlipOpenedEvent");
	}

	@Test
	void visibilityPollsTheQuerySideUntilItAnswers200() throws Exception {
		JournalApi api = new JournalApi(this.commandSide.url(""), this.querySide.baseUrl());
		String token = api.registerAndLogIn("probe-" + UUID.randomUUID() + "@example.com", "a long bench password");
		this.querySide.stubFor(get(urlPathMatching("/api/v1/flips/.+")).inScenario("flip")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(404))
			.willSetStateTo("still projecting"));
		this.querySide.stubFor(get(urlPathMatching("/api/v1/flips/.+")).inScenario("flip")
			.whenScenarioStateIs("still projecting")
			.willReturn(aResponse().withStatus(404))
			.willSetStateTo("visible"));
		this.querySide.stubFor(get(urlPathMatching("/api/v1/flips/.+")).inScenario("flip")
			.whenScenarioStateIs("visible")
			.willReturn(okJson("{}")));

		long delay = new Visibility(api, token, WHIP, 2, 10_000, false).sample();

		assertThat(delay).isPositive().isNotEqualTo(Long.MAX_VALUE);
		this.querySide.verify(3, getRequestedFor(urlPathMatching("/api/v1/flips/.+")).withHeader("Authorization",
				equalTo("Bearer " + token)));

		this.querySide.resetAll();
		this.querySide.stubFor(get(urlPathMatching("/api/v1/flips/.+")).willReturn(aResponse().withStatus(404)));
		assertThat(new Visibility(api, token, WHIP, 2, 200, false).sample()).as("never visible")
			.isEqualTo(Long.MAX_VALUE);
	}

	private static String subject(String jwt) throws IOException {
		byte[] claims = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
		return JSON.readTree(claims).get("sub").asText();
	}

	private long count(String sql) throws SQLException {
		try (Connection connection = connection();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private List<String> strings(String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = connection();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

	private Connection connection() throws SQLException {
		return DriverManager.getConnection(this.databaseUrl, this.databaseUser, this.databasePassword);
	}

	private void serve(String path, String fixture) throws IOException {
		this.osrs.stubFor(get(urlPathEqualTo(path)).atPriority(1)
			.withHeader("User-Agent", matching("GE-Metrics.*"))
			.willReturn(okJson(new String(read(fixture), StandardCharsets.UTF_8))));
	}

	private static byte[] read(String name) throws IOException {
		try (InputStream in = JournalBenchIT.class.getResourceAsStream("/fixtures/osrs/" + name)) {
			if (in == null) {
				throw new IllegalStateException("fixture " + name + " is not on the classpath");
			}
			return in.readAllBytes();
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
