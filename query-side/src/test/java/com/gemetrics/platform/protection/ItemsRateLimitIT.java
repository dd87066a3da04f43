package com.gemetrics.platform.protection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.query.QuerySideApplication;
import com.gemetrics.query.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-IP limit in front of the items hot path (whose filter answers after every other
 * filter), and CORS on the query side, over real HTTP with the real Redis.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.price-history.backfill.enabled=false", "ge.protection.rate-limit.enabled=true",
				"ge.protection.rate-limit.period=1h", "ge.protection.rate-limit.api=5",
				"ge.protection.cors-allowed-origins=https://spa.example" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class ItemsRateLimitIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void limitsTheItemsHotPathPerClientIp() throws Exception {
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String path = (i % 2 == 0) ? "/api/v1/items" : "/api/v1/items/4151";
			responses.add(this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Origin", "https://spa.example")
				.build(), HttpResponse.BodyHandlers.ofString()));
		}

		for (int i = 0; i < 5; i++) {
			HttpResponse<String> allowed = responses.get(i);
			assertThat(allowed.statusCode()).isNotEqualTo(429);
			assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("5");
			assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(4 - i));
		}
		HttpResponse<String> refused = responses.get(5);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://spa.example");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 720L);
		JsonNode problem = new ObjectMapper().readTree(refused.body());
		assertThat(problem.get("code").textValue()).isEqualTo("RATE_LIMITED");
		assertThat(problem.get("status").intValue()).isEqualTo(429);
	}

	@Test
	void refusesPreflightsFromOtherOrigins() throws Exception {
		HttpResponse<String> denied = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/items"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://evil.example")
				.header("Access-Control-Request-Method", "GET")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

}
