package com.gemetrics.platform.protection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.command.CommandSideApplication;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.Subscribers;
import com.gemetrics.platform.subscription.EntitlementLookup;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Abuse protection over real HTTP, with the real Redis: two instances sharing one limit,
 * the rate-limit headers, X-Forwarded-For only from a trusted proxy, CORS, the body cap.
 * Limits count per hour here, so no token comes back while a test runs.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=true",
				"ge.protection.rate-limit.period=1h", "ge.protection.rate-limit.api=10",
				"ge.protection.rate-limit.auth=3", "ge.protection.rate-limit.data=4",
				"ge.protection.cors-allowed-origins=https://spa.example" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class ProtectionIT {

	static final String PROBE = "/api/v1/protection-probe";

	private static ConfigurableApplicationContext second;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RateLimiter rateLimits;

	@Autowired
	ProblemResponses problems;

	@Autowired
	MeterRegistry registry;

	@Autowired
	ProtectionProperties properties;

	@Autowired
	EntitlementLookup entitlements;

	@BeforeEach
	void emptyBuckets() {
		Set<String> keys = this.redis.keys(this.environment.getProperty("ge.redis.key-prefix") + "ratelimit:*");
		this.redis.delete(keys);
	}

	@AfterEach
	void clearSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void twoInstancesEnforceOneLimitTogether() throws Exception {
		int secondPort = secondInstancePort();
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			responses.add(get((i % 2 == 0) ? this.port : secondPort, PROBE));
		}

		for (int i = 0; i < 10; i++) {
			HttpResponse<String> allowed = responses.get(i);
			assertThat(allowed.statusCode()).as("request %d", i + 1).isNotEqualTo(429);
			assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("10");
			assertThat(allowed.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(9 - i));
			assertThat(allowed.headers().firstValue("Retry-After")).isEmpty();
		}
		for (HttpResponse<String> refused : responses.subList(10, 12)) {
			assertRateLimited(refused, "10");
		}
	}

	@Test
	void authEndpointsHaveATighterLimitOnTopOfTheApiLimit() throws Exception {
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> allowed = get(this.port, "/api/v1/auth/login");
			assertThat(allowed.statusCode()).isNotEqualTo(429);
			assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
		}
		assertRateLimited(get(this.port, "/api/v1/auth/login"), "3");

		HttpResponse<String> other = get(this.port, PROBE);
		assertThat(other.statusCode()).isNotEqualTo(429);
		assertThat(other.headers().firstValue("RateLimit-Limit")).hasValue("10");
		assertThat(other.headers().firstValue("RateLimit-Remaining")).hasValue("6");
	}

	@Test
	void spoofedForwardedForFromAnUntrustedPeerDoesNotDodgeTheLimit() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(get(this.port, PROBE, "X-Forwarded-For", "198.51.100." + i).statusCode()).isNotEqualTo(429);
		}
		assertRateLimited(get(this.port, PROBE, "X-Forwarded-For", "198.51.100.99"), "10");
	}

	@Test
	void forwardedForFromATrustedProxyNamesTheClient() throws Exception {
		int proxied = secondInstancePort();
		for (int i = 0; i < 10; i++) {
			assertThat(get(proxied, PROBE, "X-Forwarded-For", "203.0.113.1").statusCode()).isNotEqualTo(429);
		}
		assertRateLimited(get(proxied, PROBE, "X-Forwarded-For", "203.0.113.1"), "10");

		HttpResponse<String> otherClient = get(proxied, PROBE, "X-Forwarded-For", "203.0.113.1, 203.0.113.2");
		assertThat(otherClient.statusCode()).isNotEqualTo(429);
		assertThat(otherClient.headers().firstValue("RateLimit-Remaining")).hasValue("9");
	}

	@Test
	void answersPreflightsOnlyForTheConfiguredOrigin() throws Exception {
		HttpResponse<String> allowed = preflight("https://spa.example");
		HttpResponse<String> denied = preflight("https://evil.example");

		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://spa.example");
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("GET", "POST",
				"PUT", "DELETE");
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
			.contains("authorization", "content-type");
		assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void exposesTheRateLimitHeadersToTheAllowedOrigin() throws Exception {
		HttpResponse<String> response = get(this.port, PROBE, "Origin", "https://spa.example");

		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://spa.example");
		assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Retry-After",
				"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "ETag");
	}

	@Test
	void refusesATenMegabyteBodyBeforeReadingItAndStoresNothing() throws Exception {
		String head = "POST /internal/v1/price-history-imports HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + (10 * 1024 * 1024) + "\r\n\r\n";

		String response = rawExchange(head.getBytes(StandardCharsets.US_ASCII));

		assertThat(response).startsWith("HTTP/1.1 413 ");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		JsonNode problem = this.json.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
		assertThat(problem.get("status").intValue()).isEqualTo(413);
		assertThat(problem.get("code").textValue()).isEqualTo("PAYLOAD_TOO_LARGE");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isZero();
	}

	@Test
	void limitsDataQueriesPerAuthenticatedUser() throws Exception {
		UserRateLimitFilter filter = new UserRateLimitFilter(this.rateLimits, this.problems, this.registry,
				this.properties.rateLimit(), this.entitlements);
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("user-1", null, "ROLE_USER"));
		List<Integer> statuses = new ArrayList<>();
		MockHttpServletResponse last = null;
		for (int i = 0; i < 5; i++) {
			last = new MockHttpServletResponse();
			filter.doFilter(dataQuery("/api/v1/me"), last, new MockFilterChain());
			statuses.add(last.getStatus());
		}

		assertThat(statuses).containsExactly(200, 200, 200, 200, 429);
		assertThat(last.getContentType()).isEqualTo("application/problem+json");
		assertThat(this.json.readTree(last.getContentAsString()).get("code").textValue()).isEqualTo("RATE_LIMITED");
		assertThat(last.getHeader("RateLimit-Limit")).isEqualTo("4");
		assertThat(Long.parseLong(last.getHeader("Retry-After"))).isBetween(1L, 900L);

		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("user-2", null, "ROLE_USER"));
		MockHttpServletResponse otherUser = new MockHttpServletResponse();
		filter.doFilter(dataQuery("/api/v1/flips/123"), otherUser, new MockFilterChain());
		assertThat(otherUser.getStatus()).isEqualTo(200);
		assertThat(otherUser.getHeader("RateLimit-Remaining")).isEqualTo("3");

		SecurityContextHolder.clearContext();
		MockHttpServletResponse anonymous = new MockHttpServletResponse();
		filter.doFilter(dataQuery("/api/v1/me"), anonymous, new MockFilterChain());
		assertThat(anonymous.getStatus()).isEqualTo(200);
		assertThat(anonymous.getHeader("RateLimit-Limit")).isNull();
	}

	@Test
	void premiumSubscribersGetTheirPlansMultipleOfTheDataLimit() throws Exception {
		UserRateLimitFilter filter = new UserRateLimitFilter(this.rateLimits, this.problems, this.registry,
				this.properties.rateLimit(), this.entitlements);
		String free = UUID.randomUUID().toString();
		String premium = UUID.randomUUID().toString();
		Subscribers.premium(this.jdbc, this.entitlements, premium);

		List<Integer> freeStatuses = dataQueries(filter, free, 5);
		List<Integer> premiumStatuses = dataQueries(filter, premium, 40);
		List<Integer> premiumOver = dataQueries(filter, premium, 1);

		assertThat(freeStatuses).containsExactly(200, 200, 200, 200, 429);
		assertThat(premiumStatuses).as("the same count and 35 more, all allowed").containsOnly(200);
		assertThat(premiumOver).containsExactly(429);
		MockHttpServletResponse shown = new MockHttpServletResponse();
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(UUID.randomUUID().toString(), null, "ROLE_USER"));
		filter.doFilter(dataQuery("/api/v1/me"), shown, new MockFilterChain());
		assertThat(shown.getHeader("RateLimit-Limit")).isEqualTo("4");

		Subscribers.canceled(this.jdbc, this.entitlements, premium);
		assertThat(dataQueries(filter, premium, 1)).as("back on the free plan's bucket, which it has not used")
			.containsExactly(200);
	}

	private List<Integer> dataQueries(UserRateLimitFilter filter, String user, int count) throws Exception {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null, "ROLE_USER"));
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(dataQuery("/api/v1/flips"), response, new MockFilterChain());
			statuses.add(response.getStatus());
		}
		return statuses;
	}

	private static MockHttpServletRequest dataQuery(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		return request;
	}

	private void assertRateLimited(HttpResponse<String> response, String limit) throws IOException {
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue(limit);
		assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("0");
		long perToken = 3600 / Long.parseLong(limit);
		assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, perToken);
		assertThat(Long.parseLong(response.headers().firstValue("RateLimit-Reset").orElseThrow())).isBetween(1L, 3600L);
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").intValue()).isEqualTo(429);
		assertThat(problem.get("code").textValue()).isEqualTo("RATE_LIMITED");
	}

	private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> preflight(String origin) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + PROBE))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends the request head only (the body it announces never comes: the server must
	 * answer without waiting for it) and reads the whole answer, until the server closes.
	 */
	private String rawExchange(byte[]... parts) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			for (byte[] part : parts) {
				out.write(part);
			}
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	/**
	 * A second instance of the app on the same database and Redis prefix, trusting
	 * 127.0.0.1.
	 */
	private int secondInstancePort() {
		if (second == null) {
			second = new SpringApplicationBuilder(CommandSideApplication.class).run("--server.port=0",
					"--spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"),
					"--spring.datasource.username=" + this.environment.getProperty("spring.datasource.username"),
					"--spring.datasource.password=" + this.environment.getProperty("spring.datasource.password"),
					"--spring.data.redis.url=" + this.environment.getProperty("spring.data.redis.url"),
					"--ge.redis.key-prefix=" + this.environment.getProperty("ge.redis.key-prefix"),
					"--ge.poller.enabled=false", "--ge.protection.rate-limit.enabled=true",
					"--ge.protection.rate-limit.period=1h", "--ge.protection.rate-limit.api=10",
					"--ge.protection.rate-limit.auth=3", "--ge.protection.trusted-proxies=127.0.0.1/32");
		}
		return Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
	}

}
