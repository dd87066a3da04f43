package com.gemetrics.command.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.gemetrics.command.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every mapped endpoint and calls it anonymously: only the public list may answer
 * anything but 401. A new endpoint is protected unless someone adds it to
 * {@link SecurityConfig}'s public list (and to {@link #PUBLIC} here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.internal-token=test-internal-token" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class DenyByDefaultIT {

	/** Method and path pattern of every endpoint that anonymous callers may reach. */
	static final Set<String> PUBLIC = Set.of("POST /api/v1/auth/register", "POST /api/v1/auth/login",
			"POST /api/v1/auth/verify-email", "POST /api/v1/auth/password-reset-requests",
			"POST /api/v1/auth/password-resets", "POST /api/v1/auth/refresh", "POST /api/v1/auth/logout",
			"POST /api/v1/billing/stripe-webhooks", "GET /.well-known/jwks.json", "GET /health/**",
			"GET /v3/api-docs/**", "GET /swagger-ui/**", "GET /swagger-ui.html");

	@Autowired
	TestRestTemplate http;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private final AntPathMatcher paths = new AntPathMatcher();

	@Test
	void everyNonPublicEndpointRefusesAnonymousCallers() {
		List<String> checked = new ArrayList<>();
		List<String> leaks = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					String path = pattern.replaceAll("\\{[^}]+}", "1");
					int status = call(method, path);
					String endpoint = method + " " + pattern;
					checked.add(endpoint + " -> " + status);
					boolean isPublic = isPublic(method.name(), path) || pattern.equals("/error");
					if (!isPublic && status != 401) {
						leaks.add(endpoint + " answered " + status);
					}
					if (pattern.startsWith("/internal/") && status != 401) {
						leaks.add(endpoint + " answered " + status + " without the internal token");
					}
				}
			}
		}
		assertThat(checked).anyMatch((line) -> line.startsWith("POST /api/v1/auth/logout-all -> 401"));
		assertThat(checked).anyMatch((line) -> line.startsWith("GET /.well-known/jwks.json -> 200"));
		assertThat(checked).as("Stripe signs its webhooks instead: reached without a token (billing is off here)")
			.anyMatch((line) -> line.startsWith("POST /api/v1/billing/stripe-webhooks -> 503"));
		assertThat(checked).anyMatch((line) -> line.startsWith("POST /api/v1/billing/checkout-sessions -> 401"));
		assertThat(leaks).isEmpty();
	}

	@Test
	void actuatorIsClosedExceptHealthAndPrometheus() {
		assertThat(call(RequestMethod.GET, "/actuator/health")).isEqualTo(200);
		assertThat(call(RequestMethod.GET, "/actuator/health/readiness")).isNotEqualTo(401);
		assertThat(call(RequestMethod.GET, "/actuator/prometheus")).isNotEqualTo(401);
		assertThat(call(RequestMethod.GET, "/actuator/metrics")).isEqualTo(401);
		assertThat(call(RequestMethod.GET, "/actuator/info")).isEqualTo(401);
		assertThat(call(RequestMethod.GET, "/actuator")).isEqualTo(401);
		assertThat(call(RequestMethod.GET, "/no/such/path")).isEqualTo(401);
	}

	private boolean isPublic(String method, String path) {
		return PUBLIC.stream().anyMatch((entry) -> {
			String[] parts = entry.split(" ", 2);
			return parts[0].equals(method) && this.paths.match(parts[1], path);
		});
	}

	private int call(RequestMethod method, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http
			.exchange(path, HttpMethod.valueOf(method.name()), new HttpEntity<>("{}", headers), String.class)
			.getStatusCode()
			.value();
	}

}
