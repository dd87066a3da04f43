package com.gemetrics.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.devstack.Databases;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The whole market-data path across real processes: an OSRS API stub serving the recorded
 * responses, the command-side jar polling it, the query-side jar projecting the events
 * from the same PostgreSQL database into Postgres and Redis, and the items API over HTTP.
 * Expected figures are computed here from the fixture files with the tax rule spelled out
 * again, not taken from the apps' code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketDataSystemIT {

	static final ObjectMapper JSON = new ObjectMapper();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	WireMockServer osrs;

	AppProcess commandSide;

	AppProcess querySide;

	JsonNode mapping;

	JsonNode latest;

	Map<String, String> queryEnv;

	String databaseUrl;

	String databaseUser;

	String databasePassword;

	@BeforeAll
	void startSystem() throws Exception {
		this.mapping = fixture("mapping_2025-05-23.json");
		this.latest = fixture("latest_2025-05-26.json").get("data");

		this.osrs = LocalServices.osrsStub();

		String serverUrl = env("GE_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/");
		String user = env("GE_TEST_DATABASE_USERNAME", "postgres");
		String password = env("GE_TEST_DATABASE_PASSWORD", "");
		String databaseUrl = Databases.createFresh(serverUrl, user, password, "ge_it_system");
		this.databaseUrl = databaseUrl;
		this.databaseUser = user;
		this.databasePassword = password;
		Map<String, String> shared = Map.of("GE_REDIS_URL", env("GE_TEST_REDIS_URL", "redis://127.0.0.1:6379"),
				"GE_REDIS_KEY_PREFIX", "ge-system-it-" + UUID.randomUUID() + ":", "GE_OSRS_BASE_URL",
				this.osrs.baseUrl(), "GE_DATABASE_POOL_SIZE", "8", "GE_RATE_LIMIT_AUTH_PER_MINUTE", "30");
		Map<String, String> commandEnv = new java.util.HashMap<>(shared);
		commandEnv.putAll(AppProcess.leastPrivilegeDatabase(serverUrl, databaseUrl, user, password, "ge_it_command",
				"ge_command_app"));

		this.commandSide = AppProcess.start("command-side", Path.of(System.getProperty("ge.commandSideJar")),
				commandEnv);
		this.commandSide.awaitReady(this.http);
		this.queryEnv = new java.util.HashMap<>(shared);
		this.queryEnv.putAll(AppProcess.leastPrivilegeDatabase(serverUrl, databaseUrl, user, password, "ge_it_query",
				"ge_query_app"));
		this.queryEnv.put("GE_COMMAND_SIDE_URL", this.commandSide.url(""));
		this.queryEnv.put("GE_JWKS_URL", this.commandSide.url("/.well-known/jwks.json"));
		this.querySide = AppProcess.start("query-side", Path.of(System.getProperty("ge.querySideJar")), this.queryEnv);
		this.querySide.awaitReady(this.http);

		await("all polled prices visible on the query side").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				HttpResponse<String> response = getJson("/api/v1/items/4151");
				return response.statusCode() == 200 && !JSON.readTree(response.body()).get("high").isNull()
						&& !JSON.readTree(response.body()).get("volume1h").isNull();
			});
	}

	@AfterAll
	void stopSystem() throws InterruptedException {
		if (this.querySide != null) {
			this.querySide.close();
		}
		if (this.commandSide != null) {
			this.commandSide.close();
		}
		if (this.osrs != null) {
			this.osrs.stop();
		}
	}

	@ParameterizedTest(name = "item {0}")
	@ValueSource(ints = { 4151, 13190, 20997, 314, 1511, 561, 8778 })
	void servesTaxMarginAndRoiThatTheRecordedPricesImply(int itemId) throws Exception {
		JsonNode quote = this.latest.get(Integer.toString(itemId));
		long high = quote.get("high").asLong();
		long low = quote.get("low").asLong();
		long tax = (itemId == 13190) ? 0 : Math.min(high / 50, 5_000_000);

		JsonNode item = JSON.readTree(getJson("/api/v1/items/" + itemId).body());

		assertThat(item.get("id").asInt()).isEqualTo(itemId);
		assertThat(item.get("name").asText()).isEqualTo(catalogItem(itemId).get("name").asText());
		assertThat(item.get("members").asBoolean()).isEqualTo(catalogItem(itemId).get("members").asBoolean());
		assertThat(item.get("high").asLong()).isEqualTo(high);
		assertThat(item.get("low").asLong()).isEqualTo(low);
		assertThat(item.get("highTime").asText())
			.isEqualTo(java.time.Instant.ofEpochSecond(quote.get("highTime").asLong()).toString());
		assertThat(item.get("tax").asLong()).isEqualTo(tax);
		assertThat(item.get("margin").asLong()).isEqualTo(high - low - tax);
		assertThat(item.get("roi").asDouble()).isCloseTo((double) (high - low - tax) / low, within(1e-9));
		assertThat(item.get("stale").asBoolean()).isFalse();
	}

	@Test
	void capsTaxAtFiveMillionAndExemptsTheBond() throws Exception {
		assertThat(JSON.readTree(getJson("/api/v1/items/20997").body()).get("tax").asLong()).isEqualTo(5_000_000);
		assertThat(JSON.readTree(getJson("/api/v1/items/13190").body()).get("tax").asLong()).isZero();
	}

	@Test
	void keepsPricedIdsThatTheCatalogueDoesNotListWithNullsNotZeros() throws Exception {
		JsonNode quote = this.latest.get("2660");
		assertThat(catalogItem(2660)).isNull();
		assertThat(quote.get("low").isNull()).isTrue();

		JsonNode item = JSON.readTree(getJson("/api/v1/items/2660").body());

		assertThat(item.get("high").asLong()).isEqualTo(quote.get("high").asLong());
		assertThat(item.get("low").isNull()).isTrue();
		assertThat(item.get("margin").isNull()).isTrue();
	}

	@Test
	void listsEveryCatalogueAndPricedItemGzippedWithAnEtag() throws Exception {
		Set<Integer> expectedIds = new HashSet<>();
		this.mapping.forEach((item) -> expectedIds.add(item.get("id").asInt()));
		this.latest.fieldNames().forEachRemaining((id) -> expectedIds.add(Integer.parseInt(id)));

		HttpResponse<byte[]> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.querySide.url("/api/v1/items")))
				.header("Accept-Encoding", "gzip")
				.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		String etag = response.headers().firstValue("ETag").orElseThrow();
		JsonNode list = JSON.readTree(new GZIPInputStream(new java.io.ByteArrayInputStream(response.body())));
		Set<Integer> ids = new HashSet<>();
		list.forEach((item) -> ids.add(item.get("id").asInt()));
		assertThat(ids).isEqualTo(expectedIds);

		HttpResponse<Void> revalidated = this.http
			.send(HttpRequest.newBuilder(URI.create(this.querySide.url("/api/v1/items")))
				.header("Accept-Encoding", "gzip")
				.header("If-None-Match", etag)
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(revalidated.statusCode()).isEqualTo(304);
	}

	@Test
	void backfillsHistoryFromTheApiOnFirstRequestAcrossBothProcesses() throws Exception {
		Set<String> expected = new java.util.TreeSet<>();
		fixture("timeseries_v1_1h_item8778_2022-06.json").get("data")
			.forEach((point) -> expected
				.add(java.time.Instant.ofEpochSecond(point.get("timestamp").asLong()).toString()));
		JsonNode liveBucket = fixture("1h_1748242800.json");
		if (liveBucket.get("data").has("8778")) {
			expected.add(java.time.Instant.ofEpochSecond(liveBucket.get("timestamp").asLong()).toString());
		}

		// the recorded history is from 2022: a premium subscriber's plan reaches that far
		// back
		String subscriber = registerAndLogIn("subscriber");
		subscribe(subscriber);
		JsonNode page = JSON
			.readTree(getWithToken("/api/v1/items/8778/prices?timestep=1h&limit=1000", subscriber).body());

		Set<String> served = new java.util.TreeSet<>();
		page.get("points").forEach((point) -> served.add(point.get("timestamp").asText()));
		assertThat(page.get("points").size()).isEqualTo(served.size());
		assertThat(served).isEqualTo(expected);
		this.osrs.verify(1, getRequestedFor(urlPathEqualTo("/timeseries")));
		HttpResponse<String> anonymous = getJson("/api/v1/items/8778/prices?timestep=1h&limit=1000");
		assertThat(JSON.readTree(anonymous.body()).get("points")).as("30 days back on the free plan").isEmpty();
		assertThat(anonymous.headers().firstValue("X-History-Window-Start")).isPresent();
	}

	/**
	 * Makes the token's user a premium subscriber, as the subscriptions projection would,
	 * and waits until the query side's entitlement cache (500 ms) has it.
	 */
	private void subscribe(String token) throws Exception {
		String userId = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))
			.get("sub")
			.asText();
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(this.databaseUrl, this.databaseUser,
				this.databasePassword);
				java.sql.PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO read.subscriptions (user_id, subscription_id, plan, status, updated_at, last_sequence) "
								+ "VALUES (?::uuid, ?, 'PREMIUM_YEARLY', 'active', clock_timestamp(), 0)")) {
			insert.setString(1, userId);
			insert.setString(2, "subscription-" + UUID.randomUUID());
			insert.executeUpdate();
		}
		await("the query side knows the subscriber").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> JSON.readTree(getWithToken("/api/v1/me/subscription", token).body())
				.path("entitlements")
				.path("premium")
				.asBoolean());
	}

	@Test
	void aSecondQuerySideInstanceTakesOverPartOfTheEventProcessing() throws Exception {
		try (AppProcess second = AppProcess.start("query-side-2", Path.of(System.getProperty("ge.querySideJar")),
				this.queryEnv)) {
			second.awaitReady(this.http);

			await("segments spread over both instances").atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> segmentOwners().size() == 2);

			HttpResponse<String> fromSecond = this.http.send(
					HttpRequest.newBuilder(URI.create(second.url("/api/v1/items/4151"))).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(fromSecond.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(fromSecond.body()).get("high").asLong())
				.isEqualTo(this.latest.get("4151").get("high").asLong());
		}
	}

	@Test
	void aSessionEndedOnTheCommandSideIsRefusedByTheQuerySideWithinSeconds() throws Exception {
		String email = "trader-" + UUID.randomUUID() + "@example.com";
		String credentials = "{\"email\":\"" + email + "\",\"password\":\"seven kinds of rune stone\"";
		assertThat(postJson(this.commandSide.url("/api/v1/auth/register"), credentials + ",\"displayName\":\"Trader\"}",
				null)
			.statusCode()).isEqualTo(201);
		HttpResponse<String> login = postJson(this.commandSide.url("/api/v1/auth/login"), credentials + "}", null);
		assertThat(login.statusCode()).isEqualTo(200);
		String token = JSON.readTree(login.body()).get("accessToken").asText();

		await("the query side knows the user").atMost(Duration.ofSeconds(30))
			.until(() -> me(token).statusCode() == 200);
		assertThat(JSON.readTree(me(token).body()).get("email").asText()).isEqualTo(email);
		assertThat(getWithToken("/api/v1/items/4151", token).statusCode()).isEqualTo(200);

		assertThat(postJson(this.commandSide.url("/api/v1/auth/logout-all"), "", token).statusCode()).isEqualTo(204);

		await("the ended session is refused by the other process").atMost(Duration.ofSeconds(10))
			.until(() -> me(token).statusCode() == 401
					&& getWithToken("/api/v1/items/4151", token).statusCode() == 401);
	}

	@Test
	void anAccountErasedOnTheCommandSideIsGoneFromTheQuerySideToo() throws Exception {
		String email = "erased-" + UUID.randomUUID() + "@example.com";
		String credentials = "{\"email\":\"" + email + "\",\"password\":\"seven kinds of rune stone\"";
		assertThat(postJson(this.commandSide.url("/api/v1/auth/register"),
				credentials + ",\"displayName\":\"Erased Trader\"}", null)
			.statusCode()).isEqualTo(201);
		String token = JSON
			.readTree(postJson(this.commandSide.url("/api/v1/auth/login"), credentials + "}", null).body())
			.get("accessToken")
			.asText();
		await("the query side knows the user").atMost(Duration.ofSeconds(30))
			.until(() -> me(token).statusCode() == 200);
		JsonNode profile = JSON.readTree(me(token).body());
		assertThat(profile.get("email").asText()).as("decrypted by the other process").isEqualTo(email);
		String userId = profile.get("id").asText();

		HttpResponse<String> wrong = deleteJson(this.commandSide.url("/api/v1/me"), "{\"password\":\"not it\"}", token);
		assertThat(wrong.statusCode()).isEqualTo(403);
		assertThat(me(token).statusCode()).isEqualTo(200);
		HttpResponse<String> erased = deleteJson(this.commandSide.url("/api/v1/me"),
				"{\"password\":\"seven kinds of rune stone\"}", token);
		assertThat(erased.statusCode()).isEqualTo(204);

		await("the erased account's token is refused by the other process").atMost(Duration.ofSeconds(10))
			.until(() -> me(token).statusCode() == 401);
		assertThat(postJson(this.commandSide.url("/api/v1/auth/login"), credentials + "}", null).statusCode())
			.isEqualTo(401);
		await("the query side forgot the profile").atMost(Duration.ofSeconds(30))
			.until(() -> count("SELECT count(*) FROM read.user_profile WHERE user_id = '" + userId + "'") == 0);
		assertThat(count("SELECT count(*) FROM event_log WHERE aggregate_identifier = '" + userId
				+ "' AND lower(payload::text) LIKE '%" + email.toLowerCase() + "%'"))
			.as("no event holds the address")
			.isZero();
	}

	@Test
	void aTraderReadsTheirOwnFlipFromTheOtherProcessAtOnceWithTheConsistencyToken() throws Exception {
		String token = registerAndLogIn("flipper");
		String otherToken = registerAndLogIn("snooper");

		HttpResponse<String> opened = postJson(this.commandSide.url("/api/v1/flips"),
				"{\"itemId\":4151,\"quantity\":2,\"price\":1000000,\"boughtAt\":\"2026-01-10T12:00:00Z\"}", token);
		assertThat(opened.statusCode()).isEqualTo(201);
		String flipId = JSON.readTree(opened.body()).get("id").asText();
		String openToken = opened.headers().firstValue("X-Consistency-Token").orElseThrow();
		assertThat(openToken).isEqualTo("flip." + flipId + ".0");

		HttpResponse<String> sold = postJson(this.commandSide.url("/api/v1/flips/" + flipId + "/sales"),
				"{\"quantity\":2,\"price\":1100000,\"soldAt\":\"2026-01-10T13:00:00Z\"}", token);
		assertThat(sold.statusCode()).isEqualTo(201);
		String saleToken = sold.headers().firstValue("X-Consistency-Token").orElseThrow();

		// at once, no retry: the query side waits for its projection to reach the token
		HttpResponse<String> flip = this.http
			.send(HttpRequest.newBuilder(URI.create(this.querySide.url("/api/v1/flips/" + flipId)))
				.header("Authorization", "Bearer " + token)
				.header("X-Consistency-Token", saleToken)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(flip.statusCode()).isEqualTo(200);
		assertThat(flip.headers().firstValue("X-Consistency-Stale")).isEmpty();
		JsonNode view = JSON.readTree(flip.body());
		// 2% tax of 1,100,000 rounded down = 22,000 per item (the rule since 2025-05-29)
		assertThat(view.get("profit").asLong()).isEqualTo(2 * (1_100_000L - 22_000L - 1_000_000L));
		assertThat(view.get("status").asText()).isEqualTo("closed");

		assertThat(getWithToken("/api/v1/flips/" + flipId, otherToken).statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(getWithToken("/api/v1/flips", otherToken).body()).get("items").size()).isZero();
	}

	private String registerAndLogIn(String name) throws Exception {
		String email = name + "-" + UUID.randomUUID() + "@example.com";
		String credentials = "{\"email\":\"" + email + "\",\"password\":\"seven kinds of rune stone\"";
		assertThat(postJson(this.commandSide.url("/api/v1/auth/register"),
				credentials + ",\"displayName\":\"" + name + "\"}", null)
			.statusCode()).isEqualTo(201);
		HttpResponse<String> login = postJson(this.commandSide.url("/api/v1/auth/login"), credentials + "}", null);
		assertThat(login.statusCode()).isEqualTo(200);
		return JSON.readTree(login.body()).get("accessToken").asText();
	}

	private HttpResponse<String> me(String token) throws IOException, InterruptedException {
		return getWithToken("/api/v1/me", token);
	}

	private HttpResponse<String> getWithToken(String path, String token) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.querySide.url(path)))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postJson(String url, String body, String token)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> deleteJson(String url, String body, String token)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.method("DELETE", HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long count(String sql) throws java.sql.SQLException {
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(this.databaseUrl, this.databaseUser,
				this.databasePassword); java.sql.ResultSet rows = connection.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private Set<String> segmentOwners() throws java.sql.SQLException {
		Set<String> owners = new HashSet<>();
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(this.databaseUrl, this.databaseUser,
				this.databasePassword);
				java.sql.ResultSet rows = connection.createStatement()
					.executeQuery("SELECT owner FROM token_entry WHERE owner IS NOT NULL")) {
			while (rows.next()) {
				owners.add(rows.getString(1));
			}
		}
		return owners;
	}

	@Test
	void identifiesItselfToTheApiWithItsOwnUserAgent() {
		this.osrs.verify(getRequestedFor(urlPathEqualTo("/latest")).withHeader("User-Agent",
				matching(LocalServices.USER_AGENT_PREFIX + ".*")));
		assertThat(this.osrs.findAllUnmatchedRequests()).isEmpty();
	}

	@Test
	void answersUnknownAndMalformedIdsWithProblemJson() throws Exception {
		HttpResponse<String> unknown = getJson("/api/v1/items/999999999");
		HttpResponse<String> malformed = getJson("/api/v1/items/abc");

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private JsonNode catalogItem(int id) {
		for (JsonNode item : this.mapping) {
			if (item.get("id").asInt() == id) {
				return item;
			}
		}
		return null;
	}

	private HttpResponse<String> getJson(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.querySide.url(path))).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static JsonNode fixture(String name) throws IOException {
		return JSON.readTree(LocalServices.osrsFixture(name));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
