package com.gemetrics.query.items;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.query.OsrsFixtures;
import com.gemetrics.query.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The items API over real HTTP, on the real PostgreSQL and Redis, fed the recorded OSRS
 * fixtures through the event store and the tracking processor. Expected figures are
 * computed here from the fixture numbers with the tax rule of 2025-05-26 (1%, floored,
 * untaxed below 100 gp, 5M cap, bond and tools exempt).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ge.items.repair-interval=1h")
@ContextConfiguration(initializers = RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ItemsApiIT {

	private static final Set<Integer> EXEMPT_2021 = Set.of(13190, 1755, 5325, 1785, 2347, 1733, 233, 5341, 8794, 5329,
			5343, 1735, 952, 5331);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Value("${ge.redis.key-prefix}")
	String keyPrefix;

	@Autowired
	EventGateway events;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ItemsSnapshots snapshots;

	@Autowired
	ItemsRedisRepair repair;

	@Autowired
	MeterRegistry meters;

	JsonNode mapping;

	JsonNode latest;

	@BeforeAll
	void publishFixtures() {
		this.mapping = OsrsFixtures.read(OsrsFixtures.MAPPING);
		this.latest = OsrsFixtures.read(OsrsFixtures.LATEST).get("data");
		this.jdbc.update("INSERT INTO market.poll_status (endpoint, last_success_at) VALUES ('latest', now()) "
				+ "ON CONFLICT (endpoint) DO UPDATE SET last_success_at = now()");
		this.events.publish(OsrsFixtures.catalog(), OsrsFixtures.latest(), OsrsFixtures.fiveMinutes(),
				OsrsFixtures.oneHour());
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode item = json(get("/api/v1/items/2", null).body());
			assertThat(item.path("volume1h").asLong()).isEqualTo(1134749 + 212994);
			assertThat(item.path("stale").asBoolean(true)).isFalse();
		});
	}

	@Test
	void computesTaxMarginAndRoiOfNamedItemsFromTheFixtures() throws Exception {
		int missingFromMapping = idsInLatestMissingFromMapping().stream()
			.filter((id) -> !this.latest.get(id.toString()).get("high").isNull()
					&& !this.latest.get(id.toString()).get("low").isNull())
			.findFirst()
			.orElseThrow();
		for (int id : List.of(13190, 20997, 20011, 46, 58, 4151, 379, missingFromMapping)) {
			JsonNode quote = this.latest.get(Integer.toString(id));
			JsonNode item = json(get("/api/v1/items/" + id, null).body());
			long high = quote.get("high").asLong();
			long low = quote.get("low").asLong();
			long tax = EXEMPT_2021.contains(id) || high < 100 ? 0 : Math.min(high / 100, 5_000_000);
			assertThat(item.get("id").asInt()).isEqualTo(id);
			assertThat(item.get("high").asLong()).as("high of %d", id).isEqualTo(high);
			assertThat(item.get("low").asLong()).as("low of %d", id).isEqualTo(low);
			assertThat(item.get("tax").asLong()).as("tax of %d", id).isEqualTo(tax);
			assertThat(item.get("margin").asLong()).as("margin of %d", id).isEqualTo(high - low - tax);
			assertThat(item.get("roi").asDouble()).as("roi of %d", id).isEqualTo((double) (high - low - tax) / low);
			assertThat(item.get("highTime").asText())
				.isEqualTo(Instant.ofEpochSecond(quote.get("highTime").asLong()).toString());
			assertThat(item.get("lowTime").asText())
				.isEqualTo(Instant.ofEpochSecond(quote.get("lowTime").asLong()).toString());
			assertThat(item.get("stale").asBoolean()).isFalse();
		}
		JsonNode bond = json(get("/api/v1/items/13190", null).body());
		assertThat(bond.get("tax").asLong()).isZero();
		assertThat(bond.get("name").asText()).isEqualTo("Old school bond");
		JsonNode axe = json(get("/api/v1/items/20011", null).body());
		assertThat(axe.get("tax").asLong()).as("capped").isEqualTo(5_000_000);
		JsonNode unknown = json(get("/api/v1/items/" + missingFromMapping, null).body());
		assertThat(unknown.get("name").isNull()).isTrue();
		JsonNode whip = json(get("/api/v1/items/4151", null).body());
		long whipMargin = 1716616 - 1700000 - 17166;
		assertThat(whip.get("margin").asLong()).isEqualTo(whipMargin);
		assertThat(whip.get("limit").asInt()).isEqualTo(70);
		assertThat(whip.get("profitPerLimit").asLong()).isEqualTo(whipMargin * 70);
		assertThat(whip.get("highAlch").asInt()).isEqualTo(72000);
		assertThat(whip.get("members").asBoolean()).isTrue();
		assertThat(whip.get("highAlchProfit").asLong()).as("high alch - low - nature rune high")
			.isEqualTo(72000 - 1700000 - 115);
	}

	@Test
	void keepsMissingPricesNullAndCountsUntradedWindowsAsZero() throws Exception {
		JsonNode noLow = json(get("/api/v1/items/2660", null).body());
		assertThat(noLow.get("high").asLong()).isEqualTo(50000);
		assertThat(noLow.has("low")).isTrue();
		assertThat(noLow.get("low").isNull()).isTrue();
		assertThat(noLow.get("lowTime").isNull()).isTrue();
		assertThat(noLow.get("margin").isNull()).isTrue();
		assertThat(noLow.get("roi").isNull()).isTrue();
		JsonNode noHigh = json(get("/api/v1/items/26247", null).body());
		assertThat(noHigh.get("high").isNull()).isTrue();
		assertThat(noHigh.get("tax").isNull()).isTrue();
		JsonNode cannonball = json(get("/api/v1/items/2", null).body());
		assertThat(cannonball.get("volume5m").asLong()).isEqualTo(99794 + 4715);
		JsonNode untradedIn5m = json(get("/api/v1/items/42", null).body());
		assertThat(untradedIn5m.get("volume5m").asLong()).isZero();
	}

	@Test
	void servesTheWholeListGzipWithAnETagAnd304() throws Exception {
		HttpResponse<byte[]> gzip = get("/api/v1/items", "gzip, deflate, br");
		assertThat(gzip.statusCode()).isEqualTo(200);
		assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gzip.headers().firstValue("Vary").orElseThrow()).contains("Accept-Encoding");
		assertThat(gzip.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=5");
		String etag = gzip.headers().firstValue("ETag").orElseThrow();
		JsonNode all = json(gunzip(gzip.body()));
		assertThat(all.isArray()).isTrue();
		assertThat(all.size()).as("catalogue plus ids only /latest has")
			.isEqualTo(this.mapping.size() + idsInLatestMissingFromMapping().size());

		HttpResponse<byte[]> plain = get("/api/v1/items", null);
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(json(plain.body())).isEqualTo(all);
		assertThat(plain.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);

		HttpResponse<byte[]> notModified = send(HttpRequest.newBuilder(uri("/api/v1/items"))
			.header("Accept-Encoding", "gzip")
			.header("If-None-Match", etag)
			.build());
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		HttpResponse<byte[]> oneNotModified = send(HttpRequest.newBuilder(uri("/api/v1/items/2"))
			.header("If-None-Match", get("/api/v1/items/2", null).headers().firstValue("ETag").orElseThrow())
			.build());
		assertThat(oneNotModified.statusCode()).isEqualTo(304);
	}

	@Test
	void walksEveryPageOfASortedFilteredListWithoutDuplicates() throws Exception {
		Set<Integer> seen = new HashSet<>();
		List<JsonNode> walked = new ArrayList<>();
		String cursor = null;
		int total = -1;
		do {
			JsonNode page = json(
					get("/api/v1/items?sort=margin&limit=500" + ((cursor != null) ? "&cursor=" + cursor : ""), null)
						.body());
			total = page.get("total").asInt();
			page.get("items").forEach((item) -> {
				assertThat(seen.add(item.get("id").asInt())).as("no duplicate %s", item.get("id")).isTrue();
				walked.add(item);
			});
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
		}
		while (cursor != null);
		assertThat(seen).hasSize(total);
		assertThat(total).isEqualTo(json(get("/api/v1/items", null).body()).size());
		boolean nulls = false;
		for (int i = 1; i < walked.size(); i++) {
			JsonNode before = walked.get(i - 1).get("margin");
			JsonNode after = walked.get(i).get("margin");
			if (after.isNull()) {
				nulls = true;
				continue;
			}
			assertThat(nulls).as("missing margins last").isFalse();
			assertThat(before.asLong()).isGreaterThanOrEqualTo(after.asLong());
		}

		JsonNode filtered = json(get("/api/v1/items?members=false&name=RUNE&minPrice=100&maxPrice=5000"
				+ "&minVolume=1&sort=name&order=asc&limit=7", null)
			.body());
		assertThat(filtered.get("items")).isNotEmpty().hasSizeLessThanOrEqualTo(7);
		String previous = "";
		for (JsonNode item : filtered.get("items")) {
			assertThat(item.get("members").asBoolean()).isFalse();
			String name = item.get("name").asText().toLowerCase(Locale.ROOT);
			assertThat(name).contains("rune");
			assertThat(name.compareTo(previous)).as("%s after %s", name, previous).isGreaterThanOrEqualTo(0);
			assertThat(item.get("high").asLong()).isBetween(100L, 5000L);
			assertThat(item.get("volume1h").asLong()).isPositive();
			previous = name;
		}
	}

	@Test
	void answersBadRequestsAndUnknownItemsAsProblemJson() throws Exception {
		for (String query : List.of("limit=-1", "limit=501", "sort=price", "cursor=garbage!", "minPrice=10&maxPrice=5",
				"order=up", "members=maybe")) {
			HttpResponse<byte[]> response = get("/api/v1/items?" + query, null);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow())
				.startsWith("application/problem+json");
			assertThat(json(response.body()).get("code").asText()).as(query).isNotBlank();
		}
		HttpResponse<byte[]> notNumeric = get("/api/v1/items/abc", null);
		assertThat(notNumeric.statusCode()).isEqualTo(400);
		assertThat(json(notNumeric.body()).get("code").asText()).isEqualTo("INVALID_PARAMETER");
		HttpResponse<byte[]> unknown = get("/api/v1/items/99999999", null);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(json(unknown.body()).get("code").asText()).isEqualTo("ITEM_NOT_FOUND");
	}

	@Test
	void answersFromPostgresWhenRedisIsEmptyAndTheRepairRebuildsIt() throws Exception {
		byte[] before = get("/api/v1/items", null).body();
		double fallbacks = fallbacks(RedisFallbacks.READ_EMPTY);
		deleteRedisKeys();
		this.snapshots.clear();

		HttpResponse<byte[]> list = get("/api/v1/items", null);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(json(list.body())).isEqualTo(json(before));
		assertThat(this.snapshots.current().source()).isEqualTo("postgres");
		assertThat(fallbacks(RedisFallbacks.READ_EMPTY)).isGreaterThan(fallbacks);
		assertThat(json(get("/api/v1/items/4151", null).body()).get("name").asText()).isEqualTo("Abyssal whip");
		assertThat(this.redis.hasKey(this.keyPrefix + "items:list.json.gz")).isFalse();

		this.repair.repair();

		assertThat(this.redis.hasKey(this.keyPrefix + "items:list.json.gz")).isTrue();
		assertThat(this.redis.opsForValue().get(this.keyPrefix + "items:etag")).isNotBlank();
		JsonNode whip = json(
				this.redis.opsForValue().get(this.keyPrefix + "item:4151").getBytes(StandardCharsets.UTF_8));
		assertThat(whip.get("high").asLong()).isEqualTo(1716616);
		JsonNode health = json(get("/actuator/health/itemsView", null).body());
		assertThat(health.get("status").asText()).isEqualTo("UP");
	}

	@Test
	void flagsEveryItemStaleWhenTheLastGoodPollIsOld() throws Exception {
		try {
			this.jdbc.update("UPDATE market.poll_status SET last_success_at = now() - interval '1 hour' "
					+ "WHERE endpoint = 'latest'");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(json(get("/api/v1/items/2", null).body()).path("stale").asBoolean()).isTrue();
				JsonNode all = json(gunzip(get("/api/v1/items", "gzip").body()));
				all.forEach((item) -> assertThat(item.get("stale").asBoolean()).isTrue());
			});
		}
		finally {
			this.jdbc.update("UPDATE market.poll_status SET last_success_at = now() WHERE endpoint = 'latest'");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(json(get("/api/v1/items/2", null).body()).path("stale").asBoolean(true))
				.isFalse());
	}

	@Test
	void documentsTheApiAndCreditsTheOsrsWiki() throws Exception {
		JsonNode api = json(get("/v3/api-docs", null).body());
		assertThat(api.at("/info/description").asText()).contains("OSRS Wiki").contains("CC BY-NC-SA 3.0");
		assertThat(api.at("/paths").has("/api/v1/items")).isTrue();
		assertThat(api.at("/paths").has("/api/v1/items/{itemId}")).isTrue();
		assertThat(api.at("/paths").has("/api/v1/market/stats")).isTrue();
	}

	private List<Integer> idsInLatestMissingFromMapping() {
		Set<Integer> catalogued = new HashSet<>();
		this.mapping.forEach((item) -> catalogued.add(item.get("id").asInt()));
		List<Integer> missing = new ArrayList<>();
		this.latest.fieldNames().forEachRemaining((id) -> {
			if (!catalogued.contains(Integer.parseInt(id))) {
				missing.add(Integer.parseInt(id));
			}
		});
		return missing;
	}

	private void deleteRedisKeys() {
		Set<String> keys = this.redis.keys(this.keyPrefix + "*");
		assertThat(keys).isNotEmpty();
		this.redis.delete(keys);
	}

	private double fallbacks(String reason) {
		Counter counter = this.meters.find(RedisFallbacks.METRIC).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void answersAnonymousReadsBeforeTheSecurityChainButStillVerifiesEveryBearerToken() throws Exception {
		HttpResponse<byte[]> anonymous = get("/api/v1/items/4151", null);
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(anonymous.headers().firstValue("Content-Security-Policy"))
			.hasValue("default-src 'none'; frame-ancestors 'none'");
		assertThat(anonymous.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(anonymous.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

		for (String path : new String[] { "/api/v1/items/4151", "/api/v1/items" }) {
			HttpResponse<byte[]> forged = send(HttpRequest.newBuilder(uri(path))
				.header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
				.build());
			assertThat(forged.statusCode()).as(path).isEqualTo(401);
			assertThat(forged.headers().firstValue("Content-Type").orElseThrow())
				.startsWith("application/problem+json");
		}
	}

	private HttpResponse<byte[]> get(String path, String acceptEncoding) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (acceptEncoding != null) {
			request.header("Accept-Encoding", acceptEncoding);
		}
		return send(request.build());
	}

	private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static JsonNode json(byte[] body) throws IOException {
		return JSON.readTree(body);
	}

	private static byte[] gunzip(byte[] body) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

}
