package com.gemetrics.command.price;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.command.outbound.OutboundLane;
import com.gemetrics.command.outbound.OutboundProperties;
import com.gemetrics.command.outbound.Tarpit;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class OsrsClientTest {

	static final String USER_AGENT = "GE-Metrics-test/1.0 (+https://example.test; test@example.test)";

	static final int MAX_ATTEMPTS = 3;

	static final Duration DEADLINE = Duration.ofSeconds(2);

	@RegisterExtension
	static WireMockExtension osrs = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	OsrsClient client;

	CircuitBreaker circuitBreaker;

	OutboundLane lane;

	SimpleMeterRegistry meters;

	@BeforeEach
	void setUp() {
		this.client = client(URI.create(osrs.baseUrl() + "/api/v1/osrs"), Duration.ofMillis(300),
				Duration.ofSeconds(30));
	}

	@AfterEach
	void closeLane() {
		this.lane.close();
	}

	private OsrsClient client(URI baseUrl, Duration readTimeout, Duration deadline) {
		OsrsProperties properties = new OsrsProperties(baseUrl, USER_AGENT, Duration.ofSeconds(2), readTimeout);
		RestClient rest = new MarketDataConfig().osrsRestClient(RestClient.builder(), properties);
		Clock clock = Clock.fixed(Instant.parse("2025-05-26T08:00:00Z"), ZoneOffset.UTC);
		RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(MAX_ATTEMPTS)
			.waitDuration(Duration.ofMillis(10))
			.retryExceptions(OsrsUnavailableException.class)
			.build());
		CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(4)
			.minimumNumberOfCalls(4)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofHours(1))
			.recordExceptions(OsrsApiException.class)
			.build());
		this.meters = new SimpleMeterRegistry();
		this.lane = new OutboundLane("osrs", 2, this.meters);
		OutboundProperties.Lane osrsLane = new OutboundProperties.Lane(2, deadline);
		this.circuitBreaker = circuitBreakers.circuitBreaker(OsrsClient.RESILIENCE_NAME);
		return new OsrsClient(rest, new ObjectMapper(),
				new OsrsResponseParser(new PollerMetrics(new SimpleMeterRegistry(), clock)), circuitBreakers, retries,
				this.lane,
				new OutboundProperties(Duration.ofMinutes(2), osrsLane, osrsLane, osrsLane, osrsLane, osrsLane), clock);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "headers", "body", "silent body" })
	void givesUpAtTheDeadlineWhenTheAnswerTrickles(String trickled) throws Exception {
		this.lane.close();
		String prefix = trickled.equals("headers") ? "HTTP/1.1 200 OK\r\nX-Tarpit: "
				: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{\"data\":{}";
		Duration interval = trickled.equals("silent body") ? Duration.ofHours(1) : Duration.ofMillis(100);
		try (Tarpit tarpit = Tarpit.plain(prefix, interval)) {
			this.client = client(URI.create("http://127.0.0.1:" + tarpit.port()), Duration.ofSeconds(30), DEADLINE);
			long started = System.nanoTime();

			assertThatThrownBy(this.client::latest).isInstanceOf(OsrsUnavailableException.class)
				.hasMessageContaining("deadline");

			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(took).isGreaterThanOrEqualTo(DEADLINE).isLessThan(DEADLINE.plusSeconds(1));
			assertThat(this.meters.get("ge.outbound.timeouts").tag("lane", "osrs").counter().count()).isEqualTo(1);
			await().atMost(Duration.ofSeconds(3)).until(() -> this.lane.busy() == 0);
			if (!trickled.equals("silent body")) {
				await().atMost(Duration.ofSeconds(3)).until(() -> tarpit.hanging() == 0);
			}
			assertThat(tarpit.accepted()).isEqualTo(1);
		}
	}

	@Test
	void sendsTheConfiguredUserAgent() {
		stubLatest(okJson(new String(OsrsFixtures.bytes(OsrsFixtures.LATEST))));

		assertThat(this.client.latest()).hasSize(OsrsFixtures.dataIds(OsrsFixtures.LATEST).size());

		osrs.verify(1,
				getRequestedFor(urlPathEqualTo("/api/v1/osrs/latest")).withHeader("User-Agent", equalTo(USER_AGENT)));
	}

	@Test
	void asksTimeseriesWithTimestepAndId() {
		osrs.stubFor(get(urlPathEqualTo("/api/v1/osrs/timeseries")).withQueryParam("timestep", equalTo("1h"))
			.withQueryParam("id", equalTo("8778"))
			.willReturn(okJson(new String(OsrsFixtures.bytes(OsrsFixtures.TIMESERIES_1H_8778)))));

		assertThat(this.client.timeseries(8778, Timestep.ONE_HOUR))
			.hasSize(OsrsFixtures.tree(OsrsFixtures.TIMESERIES_1H_8778).get("data").size());
	}

	@Test
	void retriesATransientFailureWithBackoff() {
		osrs.stubFor(get(urlPathEqualTo("/api/v1/osrs/latest")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		osrs.stubFor(get(urlPathEqualTo("/api/v1/osrs/latest")).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(
					okJson("{\"data\":{\"2\":{\"high\":193,\"highTime\":1748242917,\"low\":null,\"lowTime\":null}}}")));

		assertThat(this.client.latest()).hasSize(1);

		osrs.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/osrs/latest")));
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 429 })
	void givesUpAfterTheLastAttempt(int status) {
		stubLatest(aResponse().withStatus(status));

		assertThatThrownBy(this.client::latest).isInstanceOf(OsrsUnavailableException.class)
			.hasMessageContaining(Integer.toString(status));

		osrs.verify(MAX_ATTEMPTS, getRequestedFor(urlPathEqualTo("/api/v1/osrs/latest")));
	}

	@Test
	void retriesATimeout() {
		stubLatest(okJson("{\"data\":{}}").withFixedDelay(1_000));

		assertThatThrownBy(this.client::latest).isInstanceOf(OsrsUnavailableException.class);

		osrs.verify(MAX_ATTEMPTS, getRequestedFor(urlPathEqualTo("/api/v1/osrs/latest")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "403", "404", "malformed", "truncated", "empty", "trailing", "html" })
	void doesNotRetryAnAnswerThatCannotBeUsed(String kind) {
		stubLatest(switch (kind) {
			case "malformed" -> okJson("{\"data\":{\"2\":{\"high\":193,}}}");
			case "truncated" -> okJson("{\"data\":{\"2\":{\"high\":193");
			case "empty" -> aResponse().withStatus(200);
			case "trailing" -> okJson("{\"data\":{\"2\":{\"high\":1}}} {\"more\":1}");
			case "html" ->
				aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>blocked</html>");
			default -> aResponse().withStatus(Integer.parseInt(kind));
		});

		assertThatThrownBy(this.client::latest).isExactlyInstanceOf(OsrsApiException.class);

		osrs.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/osrs/latest")));
	}

	@Test
	void opensTheCircuitAndStopsCallingTheApi() {
		stubLatest(aResponse().withStatus(403));
		for (int i = 0; i < 4; i++) {
			assertThatThrownBy(this.client::latest).isInstanceOf(OsrsApiException.class);
		}
		assertThat(this.client.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

		assertThatThrownBy(this.client::latest).isInstanceOf(OsrsUnavailableException.class)
			.hasCauseInstanceOf(CallNotPermittedException.class);

		osrs.verify(4, getRequestedFor(urlPathEqualTo("/api/v1/osrs/latest")));
	}

	private static void stubLatest(ResponseDefinitionBuilder response) {
		osrs.stubFor(get(urlPathEqualTo("/api/v1/osrs/latest")).willReturn(response));
	}

}
