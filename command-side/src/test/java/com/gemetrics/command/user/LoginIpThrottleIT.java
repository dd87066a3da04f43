package com.gemetrics.command.user;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.gemetrics.command.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed logins from one IP back off even when every attempt names a different account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.login.account-threshold=100", "ge.auth.login.ip-threshold=4",
				"ge.auth.login.first-delay=20s" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class LoginIpThrottleIT {

	@Autowired
	TestRestTemplate http;

	@Test
	void backsOffAnAddressThatSpraysManyAccounts() {
		for (int i = 0; i < 4; i++) {
			assertThat(login(randomEmail()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		ResponseEntity<JsonNode> throttled = login(randomEmail());

		assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(throttled.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(throttled.getBody().get("code").textValue()).isEqualTo("LOGIN_THROTTLED");
		assertThat(Long.parseLong(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 20L);
	}

	private ResponseEntity<JsonNode> login(String email) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		String body = "{\"email\":\"" + email + "\",\"password\":\"some wrong password\"}";
		return this.http.postForEntity("/api/v1/auth/login", new HttpEntity<>(body, headers), JsonNode.class);
	}

	private static String randomEmail() {
		return "spray-" + UUID.randomUUID() + "@example.test";
	}

}
