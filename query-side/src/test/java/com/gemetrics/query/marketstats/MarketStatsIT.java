package com.gemetrics.query.marketstats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.query.OsrsFixtures;
import com.gemetrics.query.RealInfrastructure;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The market overview over real HTTP: rankings from the fixture-fed items view, movers
 * from hourly history rows written here (at hours later than any fixture bucket, so they
 * are the latest).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ge.items.repair-interval=1h")
@ContextConfiguration(initializers = RealInfrastructure.class)
class MarketStatsIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Instant NOW = Instant.parse("2025-05-28T12:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	EventGateway events;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Value("${ge.redis.key-prefix}")
	String keyPrefix;

	@Test
	void ranksMarginsVolumeAndMovers() throws Exception {
		this.events.publish(OsrsFixtures.catalog(), OsrsFixtures.latest(), OsrsFixtures.fiveMinutes(),
				OsrsFixtures.oneHour());
		this.jdbc.queryForList("SELECT read.ensure_price_history_partition(?)", NOW.atOffset(ZoneOffset.UTC));
		// nature rune up 50% over the hour; feather down 20% over the hour; whip up 10%
		// over the day;
		// air rune doubles but trades too little to count.
		history(561, NOW, 150, 150, 100);
		history(561, NOW.minus(Duration.ofHours(1)), 100, 100, 100);
		history(314, NOW, 4, 4, 1000);
		history(314, NOW.minus(Duration.ofHours(1)), 5, 5, 1000);
		history(4151, NOW, 1_650_000, 1_650_000, 50);
		history(4151, NOW.minus(Duration.ofHours(24)), 1_500_000, 1_500_000, 50);
		history(556, NOW, 10, 10, 3);
		history(556, NOW.minus(Duration.ofHours(1)), 5, 5, 3);

		List<JsonNode> items = new ArrayList<>();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			items.clear();
			json(get("/api/v1/items")).forEach(items::add);
			assertThat(items).anySatisfy((item) -> assertThat(item.path("volume1h").isNumber()).isTrue());
		});
		JsonNode topMargin = items.stream()
			.filter((item) -> item.get("volume1h").asLong() > 0 && !item.get("margin").isNull())
			.max((a, b) -> Long.compare(a.get("margin").asLong(), b.get("margin").asLong()))
			.orElseThrow();
		JsonNode topVolume = items.stream()
			.max((a, b) -> Long.compare(a.get("volume1h").asLong(), b.get("volume1h").asLong()))
			.orElseThrow();

		JsonNode stats = json(get("/api/v1/market/stats?limit=3"));

		assertThat(stats.get("topMargins")).hasSize(3);
		assertThat(stats.at("/topMargins/0/id").asInt()).isEqualTo(topMargin.get("id").asInt());
		stats.get("topMargins").forEach((item) -> assertThat(item.get("volume1h").asLong()).isPositive());
		assertThat(stats.at("/topVolume/0/id").asInt()).isEqualTo(topVolume.get("id").asInt());
		assertThat(stats.get("moversUp1h")).hasSize(1);
		assertThat(stats.at("/moversUp1h/0/id").asInt()).isEqualTo(561);
		assertThat(stats.at("/moversUp1h/0/name").asText()).isEqualTo("Nature rune");
		assertThat(stats.at("/moversUp1h/0/from").asLong()).isEqualTo(100);
		assertThat(stats.at("/moversUp1h/0/to").asLong()).isEqualTo(150);
		assertThat(stats.at("/moversUp1h/0/change").asDouble()).isEqualTo(0.5);
		assertThat(stats.get("moversDown1h")).hasSize(1);
		assertThat(stats.at("/moversDown1h/0/id").asInt()).isEqualTo(314);
		assertThat(stats.at("/moversDown1h/0/change").asDouble()).isEqualTo(-0.2);
		assertThat(stats.get("moversUp24h")).hasSize(1);
		assertThat(stats.at("/moversUp24h/0/id").asInt()).isEqualTo(4151);
		assertThat(stats.at("/moversUp24h/0/change").asDouble()).isEqualTo(0.1);
		assertThat(stats.get("moversDown24h")).isEmpty();
	}

	/**
	 * The overview is kept an hour in Redis, yet a poll that moves prices shows in it:
	 * the items processor marks it stale once the poll committed, and the next request
	 * recomputes it.
	 */
	@Test
	void aPriceMoveRefreshesTheSharedOverview() throws Exception {
		this.events.publish(OsrsFixtures.catalog(), OsrsFixtures.latest(), OsrsFixtures.fiveMinutes(),
				OsrsFixtures.oneHour());
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(json(get("/api/v1/market/stats?limit=3")).get("topVolume")).hasSize(3));
		JsonNode before = json(get("/api/v1/market/stats?limit=3"));
		assertThat(this.redis.hasKey(this.keyPrefix + "market-stats:3")).as("shared through Redis").isTrue();
		JsonNode traded = before.at("/topVolume/2");
		int itemId = traded.get("id").asInt();
		assertThat(before.at("/topMargins/0/id").asInt()).isNotEqualTo(itemId);
		Instant later = OsrsFixtures.LATEST_OBSERVED_AT.plus(Duration.ofMinutes(10));

		this.events.publish(new LatestPricesObservedEvent(later,
				List.of(new PriceQuote(itemId, 2_000_000_000L, later, 1L, later))));

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(json(get("/api/v1/market/stats?limit=3")).at("/topMargins/0/id").asInt())
				.isEqualTo(itemId));
	}

	@Test
	void refusesALimitOutOfRange() throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/api/v1/market/stats?limit=0")).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("INVALID_LIMIT");
	}

	private void history(int itemId, Instant ts, long avgHigh, long avgLow, long volume) {
		this.jdbc.update("INSERT INTO read.item_price_history (item_id, timestep, ts, avg_high, avg_low, high_volume, "
				+ "low_volume) VALUES (?, '1h', ?, ?, ?, ?, ?) ON CONFLICT (item_id, timestep, ts) DO UPDATE SET "
				+ "avg_high = EXCLUDED.avg_high, avg_low = EXCLUDED.avg_low, high_volume = EXCLUDED.high_volume, "
				+ "low_volume = EXCLUDED.low_volume", itemId, ts.atOffset(ZoneOffset.UTC), avgHigh, avgLow, volume / 2,
				volume - volume / 2);
	}

	private byte[] get(String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static JsonNode json(byte[] body) throws IOException {
		return JSON.readTree(body);
	}

}
