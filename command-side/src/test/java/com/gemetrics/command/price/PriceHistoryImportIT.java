package com.gemetrics.command.price;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.gemetrics.api.price.PriceHistoryImportedEvent;
import com.gemetrics.command.RealInfrastructure;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.history-import.capacity=2", "ge.history-import.refill-period=1h",
				"resilience4j.retry.instances.osrs.max-attempts=2",
				"resilience4j.retry.instances.osrs.wait-duration=10ms",
				"resilience4j.circuitbreaker.instances.osrs.minimum-number-of-calls=1000",
				"resilience4j.circuitbreaker.instances.osrs.sliding-window-size=1000" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class PriceHistoryImportIT {

	static final String PATH = "/internal/v1/price-history-imports";

	@RegisterExtension
	static WireMockExtension osrs = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void osrsBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.osrs.base-url", osrs::baseUrl);
	}

	@Value("${ge.auth.internal-token}")
	String internalToken;

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeyProperties redisKeys;

	@Autowired
	HistoryImportProperties importProperties;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@BeforeEach
	void cleanState() {
		this.jdbc.execute("TRUNCATE domain_event_entry, market.history_import, market.poll_status");
		this.redis.delete(this.redisKeys.keyPrefix() + this.importProperties.bucketKey());
		this.circuitBreakers.circuitBreaker(OsrsClient.RESILIENCE_NAME).reset();
	}

	@Test
	void importsAnItemOnceThenAnswersAlreadyImported() {
		int points = OsrsFixtures.tree(OsrsFixtures.TIMESERIES_1H_8778).get("data").size();
		osrs.stubFor(get(urlPathEqualTo("/timeseries")).withQueryParam("timestep", equalTo("1h"))
			.withQueryParam("id", equalTo("8778"))
			.willReturn(okJson(new String(OsrsFixtures.bytes(OsrsFixtures.TIMESERIES_1H_8778)))));

		ResponseEntity<JsonNode> first = post("{\"itemId\":8778,\"timestep\":\"1h\"}");
		ResponseEntity<JsonNode> second = post("{\"itemId\":8778,\"timestep\":\"1h\"}");

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(first.getBody()).isEqualTo(OsrsFixtures
			.parse("{\"itemId\":8778,\"timestep\":\"1h\",\"status\":\"IMPORTED\",\"points\":" + points + "}"));
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(second.getBody().get("status").textValue()).isEqualTo("ALREADY_IMPORTED");
		assertThat(second.getBody().get("points").intValue()).isEqualTo(points);
		List<String> events = this.jdbc.queryForList(
				"SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE payload_type = ?", String.class,
				PriceHistoryImportedEvent.class.getName());
		assertThat(events).hasSize(1);
		JsonNode event = OsrsFixtures.parse(events.get(0));
		assertThat(event.get("itemId").intValue()).isEqualTo(8778);
		assertThat(event.get("points")).hasSize(points);
		assertThat(this.jdbc.queryForObject(
				"SELECT point_count FROM market.history_import WHERE item_id = 8778 " + "AND timestep = '1h'",
				Integer.class))
			.isEqualTo(points);
		osrs.verify(1, getRequestedFor(urlPathEqualTo("/timeseries")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"itemId\":8778,\"timestep\":\"2h\"}", "{\"itemId\":0,\"timestep\":\"5m\"}",
			"{\"itemId\":-3,\"timestep\":\"5m\"}", "{\"timestep\":\"5m\"}", "{\"itemId\":8778}",
			"{\"itemId\":\"abc\",\"timestep\":\"5m\"}", "{\"itemId\":8778,", "", "[1]" })
	void rejectsBadInputAsProblemJson(String body) {
		ResponseEntity<JsonNode> response = post(body);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("code").textValue()).isNotBlank();
		osrs.verify(0, getRequestedFor(urlPathEqualTo("/timeseries")));
	}

	@Test
	void capsTheRequestRateWith429AndRetryAfter() {
		osrs.stubFor(get(urlPathEqualTo("/timeseries")).willReturn(okJson("{\"data\":[]}")));

		ResponseEntity<JsonNode> one = post("{\"itemId\":1,\"timestep\":\"5m\"}");
		ResponseEntity<JsonNode> two = post("{\"itemId\":2,\"timestep\":\"5m\"}");
		ResponseEntity<JsonNode> three = post("{\"itemId\":3,\"timestep\":\"5m\"}");

		assertThat(List.of(one.getStatusCode(), two.getStatusCode())).containsOnly(HttpStatus.OK);
		assertThat(three.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(three.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(three.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
		assertThat(three.getBody().get("code").textValue()).isEqualTo("HISTORY_IMPORT_RATE_LIMITED");
		osrs.verify(2, getRequestedFor(urlPathEqualTo("/timeseries")));
		assertThat(post("{\"itemId\":1,\"timestep\":\"5m\"}").getBody().get("status").textValue())
			.isEqualTo("ALREADY_IMPORTED");
	}

	@Test
	void answers502WhenTheApiFailsAndLetsALaterCallImport() {
		osrs.stubFor(get(urlPathEqualTo("/timeseries")).willReturn(aResponse().withStatus(500)));

		ResponseEntity<JsonNode> failed = post("{\"itemId\":8778,\"timestep\":\"1h\"}");

		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(failed.getBody().get("code").textValue()).isEqualTo("OSRS_API_UNAVAILABLE");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM market.history_import", Integer.class)).isZero();
		assertThat(this.jdbc
			.queryForMap("SELECT consecutive_failures FROM market.poll_status WHERE endpoint = 'timeseries'"))
			.isEqualTo(Map.of("consecutive_failures", 1));

		osrs.stubFor(get(urlPathEqualTo("/timeseries"))
			.willReturn(okJson(new String(OsrsFixtures.bytes(OsrsFixtures.TIMESERIES_1H_8778)))));

		assertThat(post("{\"itemId\":8778,\"timestep\":\"1h\"}").getBody().get("status").textValue())
			.isEqualTo("IMPORTED");
	}

	private ResponseEntity<JsonNode> post(String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set("X-Internal-Token", this.internalToken);
		return this.http.postForEntity(PATH, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
