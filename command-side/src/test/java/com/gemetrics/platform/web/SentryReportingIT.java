package com.gemetrics.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.command.CommandSideApplication;
import com.gemetrics.command.RealInfrastructure;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every 5xx reaches Sentry with its request id and nothing personal; 4xx answers do not.
 * Sentry is a local stub receiving the envelope POSTs at {@code /api/1/envelope/}.
 */
@SpringBootTest(classes = { CommandSideApplication.class, SentryReportingIT.FailingEndpoint.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"sentry.send-default-pii=true", "sentry.max-request-body-size=always" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class SentryReportingIT {

	static final String PASSWORD = "correct horse battery staple";

	static final String COOKIE = "tracking=cookie-value-4711";

	static final ObjectMapper JSON = new ObjectMapper();

	static final List<String> envelopes = new CopyOnWriteArrayList<>();

	static final HttpServer sentry = startSentryStub();

	@DynamicPropertySource
	static void sentryDsn(DynamicPropertyRegistry registry) {
		registry.add("sentry.dsn", () -> "http://publickey@127.0.0.1:" + sentry.getAddress().getPort() + "/1");
	}

	@AfterAll
	static void stopSentryStub() {
		sentry.stop(0);
	}

	@Autowired
	TestRestTemplate http;

	@BeforeEach
	void forgetEnvelopes() {
		envelopes.clear();
	}

	@Test
	void reportsA500WithItsRequestIdAndNothingPersonal() throws Exception {
		String email = "reporter-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		assertThat(post("/api/v1/auth/register",
				Map.of("email", email, "password", PASSWORD, "displayName", "Reporter"), null)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String bearer = JSON
			.readTree(post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), null).getBody())
			.get("accessToken")
			.textValue();

		ResponseEntity<String> failed = post("/api/v1/test/failures", Map.of("email", email, "note", bearer), bearer);

		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(JSON.readTree(failed.getBody()).get("code").textValue()).isEqualTo("INTERNAL_ERROR");
		String requestId = failed.getHeaders().getFirst("X-Request-Id");
		assertThat(requestId).isNotBlank();
		await().until(() -> events().size() == 1);
		JsonNode event = events().get(0);
		assertThat(event.path("tags").path(ServerErrorReports.REQUEST_ID_TAG).textValue()).isEqualTo(requestId);
		assertThat(event.path("tags").path("http.status_code").textValue()).isEqualTo("500");
		assertThat(event.path("exception").toString()).contains("IllegalStateException").contains("[email]");
		assertThat(event.path("request").path("method").textValue()).isEqualTo("POST");
		assertThat(event.has("user")).isFalse();
		String everything = String.join("\n", envelopes);
		assertThat(everything).doesNotContain(email)
			.doesNotContain(email.toLowerCase())
			.doesNotContain(bearer)
			.doesNotContain(bearer.substring(0, 40))
			.doesNotContain("cookie-value-4711")
			.doesNotContain(PASSWORD);
	}

	@Test
	void doesNotReportA4xx() throws Exception {
		String requestId = "probe-" + UUID.randomUUID();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set("X-Request-Id", requestId);
		ResponseEntity<String> refused = this.http.postForEntity("/api/v1/auth/login",
				new HttpEntity<>("{\"email\":", headers), String.class);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<String> unauthorized = post("/api/v1/test/failures", Map.of("email", "x@example.test"), null);
		assertThat(unauthorized.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

		ResponseEntity<String> failed = post("/api/v1/test/failures", Map.of("email", "x@example.test"),
				loginSomeone());

		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		String failedId = failed.getHeaders().getFirst("X-Request-Id");
		await().until(() -> events().size() >= 1);
		assertThat(events())
			.extracting((event) -> event.path("tags").path(ServerErrorReports.REQUEST_ID_TAG).textValue())
			.containsExactly(failedId);
	}

	private String loginSomeone() throws Exception {
		String email = "someone-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		post("/api/v1/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", "Someone"), null);
		return JSON.readTree(post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), null).getBody())
			.get("accessToken")
			.textValue();
	}

	private ResponseEntity<String> post(String path, Map<String, String> body, String bearer) throws Exception {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set(HttpHeaders.COOKIE, COOKIE);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.postForEntity(path, new HttpEntity<>(JSON.writeValueAsString(body), headers), String.class);
	}

	/** The event items of every envelope received, in order. */
	private static List<JsonNode> events() throws IOException {
		List<JsonNode> events = new ArrayList<>();
		for (String envelope : envelopes) {
			String[] lines = envelope.split("\n");
			for (int i = 1; i + 1 < lines.length; i += 2) {
				if ("event".equals(JSON.readTree(lines[i]).path("type").textValue())) {
					events.add(JSON.readTree(lines[i + 1]));
				}
			}
		}
		return events;
	}

	private static HttpServer startSentryStub() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/api/1/envelope/", (exchange) -> {
				try (InputStream raw = exchange.getRequestBody()) {
					byte[] bytes = raw.readAllBytes();
					if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
						bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
					}
					envelopes.add(new String(bytes, StandardCharsets.UTF_8));
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailingEndpoint {

		@Bean
		FailureController failureController() {
			return new FailureController();
		}

	}

	/**
	 * Fails with the caller's e-mail and token in the message, as careless code might.
	 */
	@RestController
	static class FailureController {

		@PostMapping("/api/v1/test/failures")
		void fail(@RequestBody Map<String, String> body) {
			throw new IllegalStateException("Could not store " + body.get("email") + " with " + body.get("note"));
		}

	}

}
