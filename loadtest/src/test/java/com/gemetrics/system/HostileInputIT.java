package com.gemetrics.system;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.devstack.Databases;
import com.gemetrics.loadtest.fuzz.FuzzMain;
import com.gemetrics.loadtest.fuzz.FuzzRequest.App;
import com.gemetrics.loadtest.fuzz.FuzzRequest.Caller;
import com.gemetrics.loadtest.fuzz.FuzzRun;
import com.gemetrics.loadtest.fuzz.FuzzSetup;
import com.gemetrics.loadtest.fuzz.HostileRequests;
import com.gemetrics.loadtest.fuzz.Targets;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input at scale (issue 8): both app jars as processes on a fresh database, the
 * OSRS fixtures over HTTP and a mail server; an owner, a stranger and a verified admin;
 * then {@code ge.fuzz.requests} requests (1,500 by default: the CI's short mode;
 * {@code loadtest/fuzz.sh} runs 10,000 and more) made from both apps' OpenAPI documents
 * with seed {@code ge.fuzz.seed} (random by default, printed). It holds when no answer is
 * 5xx or missing, every 4xx is problem+json with a {@code code}, and afterwards the
 * journal, watchlist, user, subscription and rollup projections equal a clean replay: a
 * fresh query side, started on a copy of the database with those tables and their tokens
 * emptied, rebuilds them from the events alone, and the rows are compared. Rate limits
 * stay on with limits too high to reach, and so does the failed-login backoff per IP, so
 * that the run reaches behind them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

	static final ObjectMapper JSON = new ObjectMapper();

	static final String ADMIN_EMAIL = "fuzz-admin@example.com";

	static final Map<String, String> PROJECTIONS = Map.of("journal",
			"read.flips read.user_transactions read.flip_tombstones", "watchlist",
			"read.watchlists read.watchlist_items read.alert_rules read.alert_history read.alert_deliveries", "users",
			"read.user_profile", "subscriptions", "read.subscriptions", "rollups",
			"read.item_daily read.flip_daily read.alert_daily read.rollup_flips read.rollup_buckets read.rollup_watchlists");

	/**
	 * Columns that hold when a row was written rather than what the events say: left out
	 * of the comparison with a replay. {@code read.subscriptions.updated_at} is the
	 * watermark the entitlement caches poll by.
	 */
	static final Map<String, String> WRITE_TIME_COLUMNS = Map.of("read.subscriptions", "updated_at");

	/** Both apps start at once, on a machine shared with other builds. */
	static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final long requests = Long.getLong("ge.fuzz.requests", 1_500);

	final long seed = Long.getLong("ge.fuzz.seed", System.nanoTime());

	final int threads = Integer.getInteger("ge.fuzz.threads", 4);

	WireMockServer osrs;

	StripeStub stripe;

	GreenMail mail;

	AppProcess commandSide;

	AppProcess querySide;

	AppProcess replaySide;

	String serverUrl;

	String databaseUrl;

	String user;

	String password;

	Map<String, String> env;

	@BeforeAll
	void startSystem() throws Exception {
		System.out.println("fuzz seed " + this.seed + " (rerun with -Dge.fuzz.seed=" + this.seed + ")");
		this.osrs = LocalServices.osrsStub();
		this.stripe = new StripeStub();
		this.mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		this.mail.start();

		this.serverUrl = env("GE_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/");
		this.user = env("GE_TEST_DATABASE_USERNAME", "postgres");
		this.password = env("GE_TEST_DATABASE_PASSWORD", "");
		this.databaseUrl = Databases.createFresh(this.serverUrl, this.user, this.password, "ge_it_fuzz");
		this.env = new HashMap<>(Map.of("GE_DATABASE_USERNAME", this.user, "GE_DATABASE_PASSWORD", this.password,
				"GE_REDIS_URL", env("GE_TEST_REDIS_URL", "redis://127.0.0.1:6379"), "GE_OSRS_BASE_URL",
				this.osrs.baseUrl(), "GE_DATABASE_POOL_SIZE", "8", "GE_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL,
				"SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(this.mail.getSmtp().getPort()),
				"GE_AUTH_ACCESS_TOKEN_TTL", "1h"));
		for (String limit : List.of("API", "AUTH", "DATA", "UPLOAD")) {
			this.env.put("GE_RATE_LIMIT_" + limit + "_PER_MINUTE", "1000000");
		}
		this.env.put("GE_AUTH_LOGIN_IP_THRESHOLD", "1000000");
		// Billing on, against the stub, so the fuzzer reaches behind the billing
		// endpoints' checks.
		this.env.putAll(this.stripe.environment());
		Map<String, String> commandEnv = new HashMap<>(this.env);
		commandEnv.put("GE_DATABASE_URL", this.databaseUrl);
		commandEnv.put("GE_REDIS_KEY_PREFIX", "ge-fuzz-it-" + UUID.randomUUID() + ":");
		this.commandSide = AppProcess.start("command-side-fuzz", Path.of(System.getProperty("ge.commandSideJar")),
				commandEnv);
		Map<String, String> queryEnv = new HashMap<>(commandEnv);
		queryEnv.put("GE_COMMAND_SIDE_URL", this.commandSide.url(""));
		queryEnv.put("GE_JWKS_URL", this.commandSide.url("/.well-known/jwks.json"));
		this.querySide = AppProcess.start("query-side-fuzz", Path.of(System.getProperty("ge.querySideJar")), queryEnv);
		this.commandSide.awaitReady(this.http, START_TIMEOUT);
		this.querySide.awaitReady(this.http, START_TIMEOUT);
		await("the catalogue synced").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> count(this.databaseUrl, "SELECT count(*) FROM market.catalog_item WHERE item_id = 4151") == 1);
	}

	@AfterAll
	void stopSystem() throws InterruptedException {
		for (AppProcess app : new AppProcess[] { this.replaySide, this.querySide, this.commandSide }) {
			if (app != null) {
				app.close();
			}
		}
		if (this.osrs != null) {
			this.osrs.stop();
		}
		if (this.stripe != null) {
			this.stripe.close();
		}
		if (this.mail != null) {
			this.mail.stop();
		}
	}

	@Test
	void noHostileRequestGetsA5xxOrAnAnswerWithoutAProblemCodeAndTheProjectionsEqualACleanReplay() throws Exception {
		FuzzSetup setup = new FuzzSetup(this.commandSide.url(""), this.querySide.url(""));
		Targets targets = setup.prepare(ADMIN_EMAIL, (address) -> LocalServices.mailedToken(this.mail, address));
		String adminToken = setup.token(Caller.ADMIN);
		await("the admin's role reached the query side").atMost(Duration.ofSeconds(30))
			.until(() -> me(adminToken).contains("ADMIN"));

		HostileRequests generator = new HostileRequests(setup.operations(), targets, this.seed);
		FuzzRun run = new FuzzRun(generator, Map.of(App.COMMAND, this.commandSide.port, App.QUERY, this.querySide.port),
				setup, FuzzMain.ANONYMOUS_ONLY, Duration.ofSeconds(30));
		FuzzRun.Report report = run.run(this.requests, this.threads);
		String summary = report.summary(this.seed);
		Path file = Path.of("target", "fuzz", "report-" + this.seed + ".txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, summary);
		System.out.println(summary);

		assertThat(report.requests()).isEqualTo(this.requests);
		assertThat(report.perEndpoint()).as("every documented operation was tried").hasSizeGreaterThan(40);
		assertThat(report.count("2xx")).as("some requests got through to the domain").isPositive();
		assertThat(report.violations()).as("violations (seed %d); full report in %s", this.seed, file).isEmpty();

		Map<String, List<String>> live = snapshotWhenCaughtUp(this.databaseUrl);
		assertThat(live.get("read.flips")).as("the owner's flips are projected").hasSizeGreaterThanOrEqualTo(1);
		Map<String, List<String>> replayed = replayOnACopy();
		for (String table : live.keySet()) {
			assertThat(replayed.get(table)).as("%s after a clean replay (seed %d)", table, this.seed)
				.containsExactlyElementsOf(live.get(table));
		}
	}

	/**
	 * Stops both apps, copies the database, empties the compared tables and their
	 * processors' tokens in the copy, and lets a fresh query side rebuild them.
	 */
	private Map<String, List<String>> replayOnACopy() throws Exception {
		this.querySide.close();
		this.commandSide.close();
		String source = this.databaseUrl.substring(this.databaseUrl.lastIndexOf('/') + 1);
		String copy = source + "_replay";
		String serverRoot = this.databaseUrl.substring(0, this.databaseUrl.lastIndexOf('/') + 1);
		await("no connection left on " + source).atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			execute(serverRoot + "postgres", "CREATE DATABASE " + copy + " TEMPLATE " + source);
			return true;
		});
		String copyUrl = serverRoot + copy;
		List<String> tables = new ArrayList<>();
		PROJECTIONS.values().forEach((names) -> tables.addAll(List.of(names.split(" "))));
		execute(copyUrl, "TRUNCATE " + String.join(", ", tables));
		execute(copyUrl, "DELETE FROM token_entry WHERE processor_name IN ('"
				+ String.join("', '", PROJECTIONS.keySet()) + "')");
		Map<String, String> replayEnv = new HashMap<>(this.env);
		replayEnv.put("GE_DATABASE_URL", copyUrl);
		replayEnv.put("GE_REDIS_KEY_PREFIX", "ge-fuzz-it-replay-" + UUID.randomUUID() + ":");
		replayEnv.put("GE_POLLER_ENABLED", "false");
		this.replaySide = AppProcess.start("query-side-fuzz-replay", Path.of(System.getProperty("ge.querySideJar")),
				replayEnv);
		this.replaySide.awaitReady(this.http, START_TIMEOUT);
		return snapshotWhenCaughtUp(copyUrl);
	}

	/**
	 * Every compared table's rows as JSON text, sorted, once the processors are at the
	 * head.
	 */
	private Map<String, List<String>> snapshotWhenCaughtUp(String url) throws SQLException {
		long head = count(url, "SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
		await("the projections reached event " + head).atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> lowestPosition(url) >= head);
		Map<String, List<String>> rows = new LinkedHashMap<>();
		for (String names : PROJECTIONS.values()) {
			for (String table : names.split(" ")) {
				String row = WRITE_TIME_COLUMNS.containsKey(table)
						? "(row_to_json(t)::jsonb - '" + WRITE_TIME_COLUMNS.get(table) + "')::text"
						: "row_to_json(t)::text";
				rows.put(table, strings(url, "SELECT " + row + " AS row FROM " + table + " t ORDER BY 1"));
			}
		}
		return rows;
	}

	/** The lowest position over every segment of the compared processors. */
	private long lowestPosition(String url) throws SQLException, IOException {
		List<String> tokens = strings(url,
				"SELECT coalesce(convert_from(token, 'UTF8'), '{}') FROM token_entry WHERE processor_name IN ('"
						+ String.join("', '", PROJECTIONS.keySet()) + "')");
		if (tokens.isEmpty()) {
			return -1;
		}
		long lowest = Long.MAX_VALUE;
		for (String token : tokens) {
			JsonNode node = JSON.readTree(token);
			JsonNode current = node.has("currentToken") ? node.get("currentToken") : node;
			lowest = Math.min(lowest, current.path("index").asLong(-1));
		}
		return lowest;
	}

	private String me(String token) throws IOException, InterruptedException {
		return this.http
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.querySide.url("/api/v1/me")))
				.header("Authorization", "Bearer " + token)
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private long count(String url, String sql) throws SQLException {
		return Long.parseLong(strings(url, sql).get(0));
	}

	private List<String> strings(String url, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, this.user, this.password);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

	private void execute(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, this.user, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
