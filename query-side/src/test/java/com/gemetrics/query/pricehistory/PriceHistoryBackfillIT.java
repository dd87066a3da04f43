package com.gemetrics.query.pricehistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.price.PriceHistoryPage;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.Subscribers;
import com.gemetrics.query.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first read of an item's history asks the command side (WireMock here) to import it.
 * Like the real command side, the stub's "IMPORTED" answer puts the history into the
 * event store before it is sent, so the projection stores it while the read waits. The
 * recorded history is from 2022: a premium subscriber reads it (the stub serves the JWKS
 * too).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class PriceHistoryBackfillIT {

	static final AtomicReference<EventGateway> eventStore = new AtomicReference<>();

	static final WireMockServer commandSide = new WireMockServer(
			wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new PublishesImportedHistory()));

	static {
		commandSide.start();
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	EventGateway events;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	EntitlementLookup entitlements;

	static final TestTokens tokens = new TestTokens();

	static final UUID SUBSCRIBER = UUID.randomUUID();

	@DynamicPropertySource
	static void commandSide(DynamicPropertyRegistry registry) {
		registry.add("ge.command-side.url", commandSide::baseUrl);
		registry.add("ge.auth.jwks-url", () -> TestTokens.jwksUrl(commandSide.baseUrl()));
	}

	@BeforeEach
	void connectStubToEventStore() {
		eventStore.set(this.events);
		commandSide.resetAll();
		tokens.serve(commandSide);
		Subscribers.premium(this.jdbc, this.entitlements, SUBSCRIBER);
	}

	@AfterAll
	static void stopCommandSide() {
		commandSide.stop();
	}

	@Test
	void firstReadImportsTheHistoryAndAnswersIt() {
		stubImported(101, 0);

		ResponseEntity<PriceHistoryPage> first = get("/api/v1/items/101/prices?timestep=1h&limit=1000");
		ResponseEntity<PriceHistoryPage> second = get("/api/v1/items/101/prices?timestep=1h&limit=1000");

		assertThat(first.getHeaders().containsKey(PriceHistoryBackfill.HEADER)).isFalse();
		assertThat(first.getBody().points()).hasSize(300);
		assertThat(first.getBody().points().get(0).avgHighPrice())
			.isEqualTo(PriceHistoryFixtures.oakPlankPoints().get(0).avgHighPrice());
		assertThat(second.getBody().points()).isEqualTo(first.getBody().points());
		commandSide.verify(1,
				postRequestedFor(urlEqualTo(HistoryImportClient.PATH))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson("{\"itemId\": 101, \"timestep\": \"1h\"}")));
	}

	@Test
	void rateCapAnswersStoredPointsMarkedPendingAndIsNotAskedAgainAtOnce() {
		commandSide.stubFor(
				post(urlEqualTo(HistoryImportClient.PATH)).withRequestBody(matchingJsonPath("$.itemId", equalTo("102")))
					.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));

		ResponseEntity<PriceHistoryPage> first = get("/api/v1/items/102/prices?timestep=1h");
		ResponseEntity<PriceHistoryPage> second = get("/api/v1/items/102/prices?timestep=1h");

		assertThat(first.getHeaders().getFirst(PriceHistoryBackfill.HEADER)).isEqualTo("pending");
		assertThat(first.getBody().points()).isEmpty();
		assertThat(second.getHeaders().getFirst(PriceHistoryBackfill.HEADER)).isEqualTo("pending");
		commandSide.verify(1, postRequestedFor(urlEqualTo(HistoryImportClient.PATH)));
	}

	@Test
	void failingCommandSideAnswersStoredPointsMarkedFailed() {
		commandSide.stubFor(
				post(urlEqualTo(HistoryImportClient.PATH)).withRequestBody(matchingJsonPath("$.itemId", equalTo("2")))
					.willReturn(aResponse().withStatus(502)
						.withHeader("Content-Type", "application/problem+json")
						.withBody("{\"status\":502,\"code\":\"OSRS_API_FAILED\"}")));
		this.events
			.publish(PriceHistoryFixtures.volumeWindow(PriceHistoryFixtures.FIVE_MINUTES, Timestep.FIVE_MINUTES));

		await().atMost(PriceHistoryIT.PROJECTION_TIMEOUT)
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM read.item_price_history WHERE item_id = 2 AND timestep = '5m'",
					Long.class) == 1);

		ResponseEntity<PriceHistoryPage> response = get("/api/v1/items/2/prices?timestep=5m");

		assertThat(response.getHeaders().getFirst(PriceHistoryBackfill.HEADER)).isEqualTo("failed");
		assertThat(response.getBody().points()).hasSize(1);
		assertThat(response.getBody().points().get(0).avgHighPrice()).isEqualTo(193L);
		commandSide.verify(1, postRequestedFor(urlEqualTo(HistoryImportClient.PATH)));
	}

	@Test
	void aBurstOfFirstReadsMakesOneImportCall() throws Exception {
		stubImported(104, 300);
		int readers = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(readers);
		try {
			List<Future<ResponseEntity<PriceHistoryPage>>> answers = new ArrayList<>();
			Callable<ResponseEntity<PriceHistoryPage>> read = () -> {
				start.await();
				return get("/api/v1/items/104/prices?timestep=1h&limit=1000");
			};
			for (int i = 0; i < readers; i++) {
				answers.add(pool.submit(read));
			}
			start.countDown();
			for (Future<ResponseEntity<PriceHistoryPage>> answer : answers) {
				ResponseEntity<PriceHistoryPage> response = answer.get();
				assertThat(response.getHeaders().containsKey(PriceHistoryBackfill.HEADER)).isFalse();
				assertThat(response.getBody().points()).hasSize(300);
			}
		}
		finally {
			pool.shutdownNow();
		}
		commandSide.verify(1, postRequestedFor(urlEqualTo(HistoryImportClient.PATH)));
	}

	private void stubImported(int itemId, int delayMillis) {
		commandSide.stubFor(post(urlEqualTo(HistoryImportClient.PATH))
			.withRequestBody(matchingJsonPath("$.itemId", equalTo(Integer.toString(itemId))))
			.willReturn(aResponse().withStatus(200)
				.withFixedDelay(delayMillis)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"itemId\":" + itemId + ",\"timestep\":\"1h\",\"status\":\"IMPORTED\",\"points\":300}")
				.withTransformers(PublishesImportedHistory.NAME)));
	}

	private ResponseEntity<PriceHistoryPage> get(String url) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(tokens.bearer(SUBSCRIBER.toString(), "USER"));
		ResponseEntity<PriceHistoryPage> response = this.http.exchange(url, HttpMethod.GET, new HttpEntity<>(headers),
				PriceHistoryPage.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response;
	}

	/**
	 * Does what the command side does on an import: puts the item's history into the
	 * event store.
	 */
	static final class PublishesImportedHistory implements ResponseDefinitionTransformerV2 {

		static final String NAME = "publishes-imported-history";

		private static final ObjectMapper json = new ObjectMapper();

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			try {
				JsonNode request = json.readTree(serveEvent.getRequest().getBodyAsString());
				eventStore.get().publish(PriceHistoryFixtures.oakPlankHistoryAs(request.get("itemId").asInt()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return serveEvent.getResponseDefinition();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}

	}

}
