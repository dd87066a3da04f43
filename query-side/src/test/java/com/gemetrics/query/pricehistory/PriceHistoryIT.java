package com.gemetrics.query.pricehistory;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.price.HistoryPoint;
import com.gemetrics.api.price.PriceHistoryImportedEvent;
import com.gemetrics.api.price.PriceHistoryPage;
import com.gemetrics.api.price.PricePointView;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.Subscribers;
import com.gemetrics.query.TestTokens;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The price-history projection and API on the real PostgreSQL, fed with events built from
 * the recorded OSRS responses (2022 and 2025: read by a premium subscriber, whose plan
 * reaches that far back; the free window is shown apart). The command side's internal API
 * is a closed port here, so every backfill attempt is refused; its JWKS is a stub.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class PriceHistoryIT {

	@RegisterExtension
	static WireMockExtension jwks = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final TestTokens tokens = new TestTokens();

	static final UUID SUBSCRIBER = UUID.randomUUID();

	static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The imported Oak plank history; the live 1h fixture bucket holds an Oak plank point
	 * too.
	 */
	static final String OAK_PLANK_JUNE_2022 = "item_id = 8778 AND timestep = '1h' AND ts < '2022-07-01T00:00:00Z'";

	@Autowired
	EventGateway events;

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PricePartitions partitions;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	EntitlementLookup entitlements;

	@DynamicPropertySource
	static void unreachableCommandSide(DynamicPropertyRegistry registry) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		registry.add("ge.command-side.url", () -> "http://127.0.0.1:" + closedPort);
		registry.add("ge.auth.jwks-url", () -> TestTokens.jwksUrl(jwks.baseUrl()));
	}

	@BeforeEach
	void premiumSubscriber() {
		tokens.serve(jwks);
		Subscribers.premium(this.jdbc, this.entitlements, SUBSCRIBER);
	}

	@Test
	void storesOnePointPerItemOfAFiveMinuteBucket() {
		VolumeWindowObservedEvent bucket = PriceHistoryFixtures.volumeWindow(PriceHistoryFixtures.FIVE_MINUTES,
				Timestep.FIVE_MINUTES);
		this.events.publish(bucket);
		awaitRows("timestep = '5m' AND ts = to_timestamp(1748242500)", bucket.items().size());

		WindowAverage item2 = average(bucket, 2);
		PriceHistoryPage page = get("/api/v1/items/2/prices?timestep=5m").getBody();
		assertThat(page.itemId()).isEqualTo(2);
		assertThat(page.timestep()).isEqualTo("5m");
		assertThat(page.points()).containsExactly(new PricePointView(Instant.parse("2025-05-26T06:55:00Z"),
				item2.avgHighPrice(), item2.avgLowPrice(), item2.highPriceVolume(), item2.lowPriceVolume()));
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void keepsOneHourBucketsApartFromFiveMinuteOnes() {
		VolumeWindowObservedEvent bucket = PriceHistoryFixtures.volumeWindow(PriceHistoryFixtures.ONE_HOUR,
				Timestep.ONE_HOUR);
		this.events.publish(bucket);
		awaitRows("timestep = '1h' AND ts = to_timestamp(1748239200)", bucket.items().size());

		WindowAverage item6 = average(bucket, 6);
		assertThat(get("/api/v1/items/6/prices?timestep=1h").getBody().points())
			.containsExactly(new PricePointView(Instant.parse("2025-05-26T06:00:00Z"), item6.avgHighPrice(),
					item6.avgLowPrice(), item6.highPriceVolume(), item6.lowPriceVolume()));
		assertThat(get("/api/v1/items/6/prices?timestep=5m").getBody().points())
			.noneMatch((point) -> point.timestamp().equals(Instant.parse("2025-05-26T06:00:00Z")));
	}

	@Test
	void unreachableCommandSideStillAnswersTheStoredPointsMarkedFailed() throws IOException {
		this.events
			.publish(PriceHistoryFixtures.volumeWindow(PriceHistoryFixtures.FIVE_MINUTES, Timestep.FIVE_MINUTES));
		awaitRows("timestep = '5m' AND item_id = 6", 1);

		ResponseEntity<String> response = this.http.exchange("/api/v1/items/6/prices?timestep=5m", HttpMethod.GET,
				new HttpEntity<>(subscriber()), String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getFirst("X-History-Import")).isEqualTo("failed");
		JsonNode point = this.objectMapper.readTree(response.getBody()).get("points").get(0);
		assertThat(point.get("timestamp").asText()).isEqualTo("2025-05-26T06:55:00Z");
		assertThat(point.get("avgHighPrice").isNull()).isTrue();
		assertThat(point.get("avgLowPrice").asLong()).isEqualTo(193178);
		assertThat(point.get("highPriceVolume").asLong()).isZero();
		assertThat(point.get("lowPriceVolume").asLong()).isEqualTo(1);
	}

	@Test
	void walksTheWholeImportedHistoryPageByPage() {
		importOakPlank();
		String before = "&to=2022-07-01T00:00:00Z";
		List<PricePointView> walked = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			ResponseEntity<PriceHistoryPage> response = get("/api/v1/items/8778/prices?timestep=1h&limit=37" + before
					+ ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(response.getHeaders().containsKey("X-History-Import")).isFalse();
			assertThat(response.getBody().points()).hasSizeLessThanOrEqualTo(37);
			walked.addAll(response.getBody().points());
			cursor = response.getBody().nextCursor();
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(9);
		assertThat(walked).hasSize(300).doesNotHaveDuplicates().isEqualTo(views(PriceHistoryFixtures.oakPlankPoints()));
	}

	@Test
	void selectsARangeOfBuckets() {
		importOakPlank();
		Instant from = Instant.parse("2022-06-05T00:00:00Z");
		Instant to = Instant.parse("2022-06-06T00:00:00Z");

		PriceHistoryPage page = get("/api/v1/items/8778/prices?timestep=1h&limit=1000&from=" + from + "&to=" + to)
			.getBody();

		List<PricePointView> expected = views(PriceHistoryFixtures.oakPlankPoints()).stream()
			.filter((point) -> !point.timestamp().isBefore(from) && point.timestamp().isBefore(to))
			.toList();
		assertThat(expected).hasSize(24);
		assertThat(page.points()).isEqualTo(expected);
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void replayingTheSameEventsStoresNoDuplicates() {
		VolumeWindowObservedEvent bucket = PriceHistoryFixtures.volumeWindow(PriceHistoryFixtures.FIVE_MINUTES,
				Timestep.FIVE_MINUTES);
		PriceHistoryImportedEvent oakPlank = PriceHistoryFixtures.oakPlankHistoryAs(PriceHistoryFixtures.OAK_PLANK);
		this.events.publish(bucket, oakPlank);
		this.events.publish(bucket, oakPlank);
		publishSentinelAndAwaitIt(9001);

		assertThat(count(OAK_PLANK_JUNE_2022)).isEqualTo(300);
		assertThat(count("timestep = '5m' AND ts = to_timestamp(1748242500)")).isEqualTo(bucket.items().size());
	}

	@Test
	void createsThePartitionOfEveryMonthWrittenOnDemand() {
		importOakPlank();
		publishSentinelAndAwaitIt(9002);

		assertThat(partitionNames()).contains("item_price_history_2022_06", "item_price_history_2021_03");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.item_price_history_2022_06 WHERE item_id = 8778",
				Long.class))
			.isEqualTo(300);
	}

	@Test
	void createsPartitionsAheadOnSchedule() {
		String threeMonthsAhead = this.jdbc.queryForObject(
				"SELECT 'item_price_history_' || to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months', 'YYYY_MM')",
				String.class);
		RealInfrastructure.asOwner(this.jdbc.getDataSource()).execute("DROP TABLE read." + threeMonthsAhead);
		assertThat(partitionNames()).doesNotContain(threeMonthsAhead);

		this.partitions.ensureAhead();

		assertThat(partitionNames()).contains(threeMonthsAhead);
	}

	@ParameterizedTest
	@CsvSource({ "/api/v1/items/abc/prices, INVALID_PARAMETER", "/api/v1/items/0/prices, INVALID_ITEM_ID",
			"/api/v1/items/2/prices?timestep=1d, INVALID_TIMESTEP",
			"/api/v1/items/2/prices?from=2022-06-02T00:00:00Z&to=2022-06-01T00:00:00Z, INVALID_RANGE",
			"/api/v1/items/2/prices?from=2022-06-01T00:00:00Z&to=2022-06-01T00:00:00Z, INVALID_RANGE",
			"/api/v1/items/2/prices?from=yesterday, INVALID_PARAMETER",
			"/api/v1/items/2/prices?cursor=not-a-cursor, INVALID_CURSOR",
			"/api/v1/items/2/prices?limit=0, INVALID_LIMIT", "/api/v1/items/2/prices?limit=1001, INVALID_LIMIT",
			"/api/v1/items/2/prices?limit=many, INVALID_PARAMETER" })
	void rejectsABadRequestAsProblemJson(String url, String code) throws IOException {
		assertBadRequest(url, code);
	}

	@Test
	void rejectsACursorIssuedForAnotherItem() throws IOException {
		String otherItems = new PriceHistoryCursor(8778, Timestep.ONE_HOUR, Instant.parse("2022-06-01T04:00:00Z"))
			.encode();
		assertBadRequest("/api/v1/items/2/prices?timestep=1h&cursor=" + otherItems, "INVALID_CURSOR");
	}

	private void assertBadRequest(String url, String code) throws IOException {
		ResponseEntity<String> response = this.http.getForEntity(url, String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = this.objectMapper.readTree(response.getBody());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("code").asText()).isEqualTo(code);
	}

	private void importOakPlank() {
		this.events.publish(PriceHistoryFixtures.oakPlankHistoryAs(PriceHistoryFixtures.OAK_PLANK));
		await().atMost(PROJECTION_TIMEOUT)
			.until(() -> count(OAK_PLANK_JUNE_2022) == 300 && this.jdbc.queryForObject(
					"SELECT count(*) FROM read.item_price_history_import WHERE item_id = 8778 AND timestep = '1h'",
					Long.class) == 1);
	}

	/**
	 * Events apply in order, so once this one is stored every event published before it
	 * is too.
	 */
	private void publishSentinelAndAwaitIt(int itemId) {
		this.events.publish(new PriceHistoryImportedEvent(itemId, Timestep.ONE_HOUR, PriceHistoryFixtures.IMPORTED_AT,
				List.of(new HistoryPoint(Instant.parse("2021-03-15T00:00:00Z"), 100L, 90L, 5, 6))));
		awaitRows("item_id = " + itemId, 1);
	}

	@Test
	void anAnonymousCallerReadsOnlyTheFreePlansWindow() {
		importOakPlank();
		publishSentinelAndAwaitIt(9003);

		ResponseEntity<PriceHistoryPage> anonymous = this.http.getForEntity(
				"/api/v1/items/8778/prices?timestep=1h&limit=1000&from=2022-06-05T00:00:00Z", PriceHistoryPage.class);

		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(anonymous.getBody().points())
			.noneMatch((point) -> point.timestamp().isBefore(Instant.now().minus(Duration.ofDays(31))));
		Instant windowStart = Instant.parse(anonymous.getHeaders().getFirst(PriceHistoryController.WINDOW_HEADER));
		assertThat(windowStart).isBetween(Instant.now().minus(Duration.ofDays(30)).minus(Duration.ofHours(2)),
				Instant.now().minus(Duration.ofDays(30)));
		assertThat(get("/api/v1/items/8778/prices?timestep=1h&limit=1000&from=2022-06-05T00:00:00Z").getBody().points())
			.as("a premium subscriber reads it all")
			.isNotEmpty();
	}

	/** The premium subscriber's bearer token. */
	private static HttpHeaders subscriber() {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(tokens.bearer(SUBSCRIBER.toString(), "USER"));
		return headers;
	}

	private ResponseEntity<PriceHistoryPage> get(String url) {
		ResponseEntity<PriceHistoryPage> response = this.http.exchange(url, HttpMethod.GET,
				new HttpEntity<>(subscriber()), PriceHistoryPage.class);
		assertThat(response.getHeaders().containsKey(PriceHistoryController.WINDOW_HEADER)).isFalse();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response;
	}

	private void awaitRows(String condition, long expected) {
		await().atMost(PROJECTION_TIMEOUT).until(() -> count(condition) == expected);
	}

	private long count(String condition) {
		return this.jdbc.queryForObject("SELECT count(*) FROM read.item_price_history WHERE " + condition, Long.class);
	}

	private List<String> partitionNames() {
		return this.jdbc.queryForList("""
				SELECT c.relname FROM pg_inherits i
				JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = 'read.item_price_history'::regclass
				""", String.class);
	}

	private static WindowAverage average(VolumeWindowObservedEvent bucket, int itemId) {
		return bucket.items().stream().filter((item) -> item.itemId() == itemId).findFirst().orElseThrow();
	}

	private static List<PricePointView> views(List<HistoryPoint> points) {
		return points.stream()
			.map((point) -> new PricePointView(point.timestamp(), point.avgHighPrice(), point.avgLowPrice(),
					point.highPriceVolume(), point.lowPriceVolume()))
			.toList();
	}

}
