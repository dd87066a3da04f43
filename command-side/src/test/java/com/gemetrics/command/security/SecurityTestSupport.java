package com.gemetrics.command.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP helpers shared by the security ITs. */
final class SecurityTestSupport {

	/** An endpoint that needs any valid access token and changes nothing. */
	static final String PROBE = "/actuator/metrics";

	static final ObjectMapper JSON = new ObjectMapper();

	private SecurityTestSupport() {
	}

	static ResponseEntity<String> get(TestRestTemplate http, String path, String bearer) {
		HttpHeaders headers = new HttpHeaders();
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	static ResponseEntity<String> post(TestRestTemplate http, String path, String bearer, String json) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), String.class);
	}

	static JsonNode json(String body) throws Exception {
		return JSON.readTree(body);
	}

	static JsonNode jwtPart(String token, int part) throws Exception {
		return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[part]));
	}

	static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** 401, problem+json, the given code, and the RFC 6750 challenge. */
	static void assertUnauthorized(ResponseEntity<String> response, String code) throws Exception {
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		JsonNode problem = json(response.getBody());
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertThat(problem.path("code").asText()).isEqualTo(code);
	}

}
