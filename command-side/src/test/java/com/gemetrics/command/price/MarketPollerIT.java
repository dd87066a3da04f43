package com.gemetrics.command.price;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.axon.EventMetadata;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = { "ge.poller.enabled=false", "ge.poller.latest.lock-at-least-for=0s",
		"ge.poller.five-minute.lock-at-least-for=0s", "ge.poller.one-hour.lock-at-least-for=0s",
		"ge.poller.mapping.lock-at-least-for=0s", "ge.osrs.read-timeout=2s",
		"ge.osrs.user-agent=" + MarketPollerIT.USER_AGENT, "resilience4j.retry.instances.osrs.max-attempts=2",
		"resilience4j.retry.instances.osrs.wait-duration=10ms",
		"resilience4j.circuitbreaker.instances.osrs.minimum-number-of-calls=1000",
		"resilience4j.circuitbreaker.instances.osrs.sliding-window-size=1000", "ge.outbound.osrs.deadline=4s" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class MarketPollerIT {

	static final String USER_AGENT = "GE-Metrics-IT/1.0 (+https://example.test; it@example.test)";

	@RegisterExtension
	static WireMockExtension osrs = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void osrsBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.osrs.base-url", osrs::baseUrl);
	}

	@Autowired
	MarketPoller poller;

	@Autowired
	LatestPrices latestPrices;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	MeterRegistry meters;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@Autowired
	@Qualifier("osrs")
	HealthIndicator osrsHealth;

	@BeforeEach
	void cleanState() {
		this.jdbc.execute("TRUNCATE domain_event_entry, market.catalog_item, market.latest_price, "
				+ "market.recorded_bucket, market.poll_status, market.history_import");
		this.jdbc.update("UPDATE shedlock SET lock_until = now() - interval '1 second'");
		this.circuitBreakers.circuitBreaker(OsrsClient.RESILIENCE_NAME).reset();
	}

	@Test
	void firstLatestPollEmitsEveryQuoteThenAnIdenticalPollEmitsNothing() {
		int quotes = OsrsFixtures.dataIds(OsrsFixtures.LATEST).size();
		stub("/latest", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST))));

		assertThat(this.poller.pollLatest()).isTrue();
		assertThat(this.poller.pollLatest()).isTrue();

		List<JsonNode> events = events(LatestPricesObservedEvent.class);
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("prices")).hasSize(quotes);
		assertThat(count("market.latest_price")).isEqualTo(quotes);
		osrs.verify(2, getRequestedFor(urlPathEqualTo("/latest")).withHeader("User-Agent", equalTo(USER_AGENT)));
		assertThat(
				this.meters.get(PollerMetrics.POLLS).tags("endpoint", "latest", "outcome", "success").counter().count())
			.isGreaterThanOrEqualTo(2);
		assertThat(this.meters.get(PollerMetrics.LAST_SUCCESS_AGE).tags("endpoint", "latest").gauge().value())
			.isGreaterThanOrEqualTo(0);
		assertThat(this.osrsHealth.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aPollsEventIsAttributedToThePoller() {
		stub("/latest", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST))));

		assertThat(this.poller.pollLatest()).isTrue();

		JsonNode meta = OsrsFixtures.parse(this.jdbc.queryForObject(
				"SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE payload_type = ?", String.class,
				LatestPricesObservedEvent.class.getName()));
		assertThat(meta.path(EventMetadata.ACTOR).asText()).isEqualTo("system:price-poller");
		assertThat(meta.path(EventMetadata.CORRELATION_ID).asText()).isNotBlank();
		assertThat(meta.path(EventMetadata.APP_VERSION).asText()).isNotBlank();
		assertThat(meta.has(EventMetadata.REQUEST_ID)).isFalse();
	}

	@Test
	void aChangedPriceEmitsOnlyThatItem() {
		stub("/latest", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST))));
		this.poller.pollLatest();
		ObjectNode changed = OsrsFixtures.editable(OsrsFixtures.LATEST);
		ObjectNode item2 = (ObjectNode) changed.get("data").get("2");
		item2.put("high", 201).put("highTime", item2.get("highTime").longValue() + 60);
		stub("/latest", okJson(OsrsFixtures.write(changed)));

		this.poller.pollLatest();

		List<JsonNode> events = events(LatestPricesObservedEvent.class);
		assertThat(events).hasSize(2);
		assertThat(events.get(1).get("prices")).hasSize(1);
		assertThat(events.get(1).get("prices").get(0).get("itemId").intValue()).isEqualTo(2);
		assertThat(events.get(1).get("prices").get(0).get("high").longValue()).isEqualTo(201);
		assertThat(events.get(1).get("prices").get(0).get("low").longValue()).isEqualTo(item2.get("low").longValue());
		assertThat(this.jdbc.queryForObject("SELECT high FROM market.latest_price WHERE item_id = 2", Long.class))
			.isEqualTo(201);
	}

	@Test
	void badOrNullPricesNeverOverwriteTheLastGood() {
		stub("/latest", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST))));
		this.poller.pollLatest();
		List<Map<String, Object>> before = latestRows();
		double droppedBefore = dropped();
		ObjectNode bad = OsrsFixtures.editable(OsrsFixtures.LATEST);
		JsonNode data = bad.get("data");
		((ObjectNode) data.get("2")).put("high", -5).put("highTime", 1900000000L);
		((ObjectNode) data.get("6")).put("high", 3_000_000_000L);
		((ObjectNode) data.get("8")).put("low", 0);
		((ObjectNode) data.get("10")).put("high", "cheap");
		((ObjectNode) data.get("12")).putNull("high").putNull("highTime").putNull("low").putNull("lowTime");
		stub("/latest", okJson(OsrsFixtures.write(bad)));

		assertThat(this.poller.pollLatest()).isTrue();

		assertThat(events(LatestPricesObservedEvent.class)).hasSize(1);
		assertThat(latestRows()).isEqualTo(before);
		assertThat(dropped() - droppedBefore).isEqualTo(4);
	}

	@Test
	void idsMissingFromTheCatalogueAreKept() {
		Set<Integer> uncatalogued = new HashSet<>(OsrsFixtures.dataIds(OsrsFixtures.LATEST));
		OsrsFixtures.tree(OsrsFixtures.MAPPING).forEach((item) -> uncatalogued.remove(item.get("id").intValue()));
		stub("/mapping", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.MAPPING))));
		stub("/latest", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST))));

		this.poller.pollMapping();
		this.poller.pollLatest();

		assertThat(uncatalogued).isNotEmpty();
		assertThat(this.jdbc.queryForList("SELECT item_id FROM market.latest_price", Integer.class))
			.containsAll(uncatalogued);
	}

	static Stream<Arguments> badResponses() {
		return Stream.of(Arguments.of("500", aResponse().withStatus(500)),
				Arguments.of("403", aResponse().withStatus(403)),
				Arguments.of("timeout",
						okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST))).withFixedDelay(3_000)),
				Arguments.of("malformed", okJson("{\"data\":{\"2\":{\"high\":")),
				Arguments.of("empty body", aResponse().withStatus(200)),
				Arguments.of("empty data", okJson("{\"data\":{}}")), Arguments.of("array", okJson("[]")),
				Arguments.of("all negative", okJson("{\"data\":{\"2\":{\"high\":-1,\"low\":-2}}}")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badResponses")
	void aFailedPollChangesNothingAndIsRecorded(String kind, ResponseDefinitionBuilder response) {
		stub("/latest", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST))));
		this.poller.pollLatest();
		List<Map<String, Object>> before = latestRows();
		Object lastSuccess = status("last_success_at");
		double failuresBefore = failures("latest");
		stub("/latest", response);

		assertThat(this.poller.pollLatest()).isTrue();

		assertThat(events(LatestPricesObservedEvent.class)).hasSize(1);
		assertThat(latestRows()).isEqualTo(before);
		assertThat(status("consecutive_failures")).isEqualTo(1);
		assertThat(status("last_error")).isNotNull();
		assertThat(status("last_success_at")).isEqualTo(lastSuccess);
		assertThat(failures("latest") - failuresBefore).isEqualTo(1);
	}

	@Test
	void aPollWhoseAnswerTricklesGivesUpAtTheDeadlineAndKeepsTheLastGoodPrices() {
		String latest = new String(OsrsFixtures.bytes(OsrsFixtures.LATEST));
		stub("/latest", okJson(latest));
		this.poller.pollLatest();
		List<Map<String, Object>> before = latestRows();
		double failuresBefore = failures("latest");
		stub("/latest", okJson(latest).withChunkedDribbleDelay(300, 60_000));
		long started = System.nanoTime();

		assertThat(this.poller.pollLatest()).isTrue();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
		assertThat(events(LatestPricesObservedEvent.class)).hasSize(1);
		assertThat(latestRows()).isEqualTo(before);
		assertThat(status("last_error")).asString().contains("deadline");
		assertThat(failures("latest") - failuresBefore).isEqualTo(1);
		assertThat(this.meters.get("ge.outbound.timeouts").tag("lane", "osrs").counter().count()).isPositive();
	}

	@Test
	void recordsEachBucketOnce() {
		JsonNode fiveMinute = OsrsFixtures.tree(OsrsFixtures.FIVE_MINUTE);
		stub("/5m", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.FIVE_MINUTE))));
		stub("/1h", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.ONE_HOUR))));

		this.poller.pollFiveMinute();
		this.poller.pollFiveMinute();
		this.poller.pollOneHour();
		this.poller.pollOneHour();

		List<JsonNode> events = events(VolumeWindowObservedEvent.class);
		assertThat(events).hasSize(2);
		assertThat(events.get(0).get("items")).hasSize(fiveMinute.get("data").size());
		assertThat(events.get(1).get("items")).hasSize(OsrsFixtures.tree(OsrsFixtures.ONE_HOUR).get("data").size());
		assertThat(this.jdbc.queryForList("SELECT timestep || '@' || extract(epoch FROM bucket_start)::bigint "
				+ "FROM market.recorded_bucket ORDER BY timestep", String.class))
			.containsExactly("1h@1748239200", "5m@" + fiveMinute.get("timestamp").longValue());
		osrs.verify(2, getRequestedFor(urlPathEqualTo("/5m")));
	}

	@Test
	void syncsTheCatalogueOnlyWhenItChanges() {
		JsonNode mapping = OsrsFixtures.tree(OsrsFixtures.MAPPING);
		stub("/mapping", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.MAPPING))));
		this.poller.pollMapping();
		this.poller.pollMapping();
		JsonNode edited = mapping.deepCopy();
		((ObjectNode) edited.get(0)).put("limit", 9);
		stub("/mapping", okJson(OsrsFixtures.write(edited)));

		this.poller.pollMapping();

		List<JsonNode> events = events(ItemCatalogSyncedEvent.class);
		assertThat(events).hasSize(2);
		assertThat(events.get(0).get("items")).hasSize(mapping.size());
		assertThat(events.get(1).get("items")).hasSize(1);
		assertThat(events.get(1).get("items").get(0).get("id").intValue())
			.isEqualTo(mapping.get(0).get("id").intValue());
		assertThat(count("market.catalog_item")).isEqualTo(mapping.size());
		osrs.verify(3, getRequestedFor(urlPathEqualTo("/mapping")).withHeader("User-Agent", equalTo(USER_AGENT)));
	}

	@Test
	void stateAndEventShareOneTransaction() {
		List<PriceQuote> quotes = List.of(new PriceQuote(2, 193L, null, 188L, null));

		assertThatThrownBy(() -> this.transaction.executeWithoutResult((tx) -> {
			assertThat(this.latestPrices.record(quotes, Instant.parse("2025-05-26T07:00:00Z"))).isPresent();
			assertThat(count("domain_event_entry")).isEqualTo(1);
			assertThat(count("market.latest_price")).isEqualTo(1);
			throw new IllegalStateException("failure after publish");
		})).hasMessage("failure after publish");

		assertThat(count("domain_event_entry")).isZero();
		assertThat(count("market.latest_price")).isZero();
	}

	@Test
	void takesOverTheLockOfADeadInstanceButNotALiveOne() {
		stub("/latest", okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST))));
		this.jdbc.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) "
				+ "VALUES ('osrs-poll-latest', now() + interval '1 minute', now(), 'live-instance') "
				+ "ON CONFLICT (name) DO UPDATE SET lock_until = EXCLUDED.lock_until, locked_by = EXCLUDED.locked_by");

		assertThat(this.poller.pollLatest()).isFalse();
		osrs.verify(0, getRequestedFor(urlPathEqualTo("/latest")));

		this.jdbc.update("UPDATE shedlock SET lock_until = now() - interval '1 second', locked_by = 'dead-instance'");

		assertThat(this.poller.pollLatest()).isTrue();
		assertThat(events(LatestPricesObservedEvent.class)).hasSize(1);
	}

	private void stub(String path, ResponseDefinitionBuilder response) {
		osrs.stubFor(get(urlPathEqualTo(path)).willReturn(response));
	}

	private List<JsonNode> events(Class<?> type) {
		return this.jdbc
			.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
					+ "WHERE payload_type = ? ORDER BY global_index", String.class, type.getName())
			.stream()
			.map(OsrsFixtures::parse)
			.toList();
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
	}

	private List<Map<String, Object>> latestRows() {
		return this.jdbc.queryForList("SELECT * FROM market.latest_price ORDER BY item_id");
	}

	private Object status(String column) {
		return this.jdbc.queryForObject("SELECT " + column + " FROM market.poll_status WHERE endpoint = 'latest'",
				Object.class);
	}

	private double failures(String endpoint) {
		Counter counter = this.meters.find(PollerMetrics.POLLS)
			.tags("endpoint", endpoint, "outcome", "failure")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double dropped() {
		return this.meters.find(PollerMetrics.DROPPED).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
