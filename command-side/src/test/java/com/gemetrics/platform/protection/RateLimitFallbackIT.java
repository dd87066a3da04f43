package com.gemetrics.platform.protection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.gemetrics.command.CommandSideApplication;
import com.gemetrics.command.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis unreachable (a closed port): the app still limits, per instance, and says so. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=true",
				"ge.protection.rate-limit.period=1h", "ge.protection.rate-limit.api=6",
				"ge.protection.rate-limit.fallback-instances=2" })
@ContextConfiguration(initializers = { RealInfrastructure.class, ClosedRedisPort.class })
class RateLimitFallbackIT {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Autowired
	HealthEndpoint health;

	@Test
	void keepsLimitingWithTheLocalFallbackAndSaysSo() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			responses.add(http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/protection-probe"))
					.build(), HttpResponse.BodyHandlers.ofString()));
		}

		assertThat(responses.subList(0, 3)).allSatisfy((allowed) -> {
			assertThat(allowed.statusCode()).isNotEqualTo(429);
			assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("3");
		});
		HttpResponse<String> refused = responses.get(3);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1100L, 1200L);
		assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
		assertThat(this.registry.get("ge.ratelimit.fallback").counter().count()).isEqualTo(4);
		assertThat(this.registry.get("ge.ratelimit.fallback.active").gauge().value()).isEqualTo(1);
		HealthComponent rateLimiter = this.health.healthForPath("rateLimiter");
		assertThat(rateLimiter.getStatus().getCode()).isEqualTo("DEGRADED");
	}

}
