package com.gemetrics.command.security;

import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.SessionRevokedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.platform.security.RedisKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.gemetrics.command.security.SecurityTestSupport.PROBE;
import static com.gemetrics.command.security.SecurityTestSupport.assertUnauthorized;
import static com.gemetrics.command.security.SecurityTestSupport.get;
import static com.gemetrics.command.security.SecurityTestSupport.json;
import static com.gemetrics.command.security.SecurityTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh rotation, reuse detection, logout, logout-all and revoke-all, over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.internal-token=test-internal-token" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class SessionsIT {

	@Autowired
	TestRestTemplate http;

	@Autowired
	SessionTokens sessionTokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Test
	void refreshRotatesTheTokenAndKeepsTheSession() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		TokenPair first = this.sessionTokens.startSession(user, Set.of(Role.USER));

		ResponseEntity<String> response = refresh(first.refreshToken());

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		JsonNode body = json(response.getBody());
		String nextRefresh = body.path("refreshToken").asText();
		String nextAccess = body.path("accessToken").asText();
		assertThat(nextRefresh).isNotEqualTo(first.refreshToken()).hasSize(43);
		assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
		assertThat(SecurityTestSupport.jwtPart(nextAccess, 1).path("sid").asText()).isEqualTo(first.sessionId());
		assertThat(get(this.http, PROBE, nextAccess).getStatusCode().value()).isEqualTo(200);
		assertThat(get(this.http, PROBE, first.accessToken()).getStatusCode().value()).isEqualTo(200);
		assertThat(this.redis.opsForValue().get(this.keys.sessionActive(first.sessionId()))).isEqualTo(user.toString());
		assertThat(refresh(nextRefresh).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void refreshTokensAreStoredOnlyAsHashes() {
		TokenPair pair = this.sessionTokens.startSession(new UserId(UUID.randomUUID()), Set.of(Role.USER));
		Integer plain = this.jdbc.queryForObject(
				"SELECT count(*) FROM auth.refresh_token WHERE token_hash = convert_to(?, 'UTF8')", Integer.class,
				pair.refreshToken());
		Integer hashed = this.jdbc.queryForObject("SELECT count(*) FROM auth.refresh_token WHERE token_hash = ?",
				Integer.class, (Object) RefreshTokenCodec.hash(pair.refreshToken()));
		assertThat(plain).isZero();
		assertThat(hashed).isOne();
	}

	@Test
	void reusingARefreshTokenRevokesTheWholeFamily() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		TokenPair first = this.sessionTokens.startSession(user, Set.of(Role.USER));
		JsonNode rotated = json(refresh(first.refreshToken()).getBody());
		String legitimateRefresh = rotated.path("refreshToken").asText();
		String legitimateAccess = rotated.path("accessToken").asText();

		ResponseEntity<String> reuse = refresh(first.refreshToken());

		assertThat(reuse.getStatusCode().value()).isEqualTo(401);
		assertThat(json(reuse.getBody()).path("code").asText()).isEqualTo("INVALID_REFRESH_TOKEN");
		assertThat(refresh(legitimateRefresh).getStatusCode().value()).isEqualTo(401);
		assertUnauthorized(get(this.http, PROBE, legitimateAccess), "INVALID_TOKEN");
		assertUnauthorized(get(this.http, PROBE, first.accessToken()), "INVALID_TOKEN");
		assertThat(this.redis.hasKey(this.keys.sessionRevoked(first.sessionId()))).isTrue();
		assertThat(this.redis.getExpire(this.keys.sessionRevoked(first.sessionId()))).isGreaterThan(900);
		assertThat(this.jdbc.queryForObject("SELECT revoked_reason FROM auth.session WHERE session_id = ?::uuid",
				String.class, first.sessionId()))
			.isEqualTo(Sessions.REASON_REUSE);
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM domain_event_entry
				WHERE payload_type = ? AND convert_from(payload, 'UTF8') LIKE ?
				""", Integer.class, SessionRevokedEvent.class.getName(), "%" + first.sessionId() + "%")).isOne();
	}

	@Test
	void anotherSessionOfTheSameUserSurvivesReuseDetection() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		TokenPair stolen = this.sessionTokens.startSession(user, Set.of(Role.USER));
		TokenPair other = this.sessionTokens.startSession(user, Set.of(Role.USER));
		refresh(stolen.refreshToken());
		refresh(stolen.refreshToken());
		assertThat(get(this.http, PROBE, other.accessToken()).getStatusCode().value()).isEqualTo(200);
		assertThat(refresh(other.refreshToken()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void refusesUnknownAndMalformedRefreshTokens() throws Exception {
		assertThat(refresh("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").getStatusCode().value()).isEqualTo(401);
		assertThat(post(this.http, "/api/v1/auth/refresh", null, "{}").getStatusCode().value()).isEqualTo(400);
		assertThat(refresh("x".repeat(65)).getStatusCode().value()).isEqualTo(400);
		assertThat(post(this.http, "/api/v1/auth/refresh", null, "{\"refreshToken\":").getStatusCode().value())
			.isEqualTo(400);
	}

	@Test
	void logoutEndsOnlyThatSession() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		TokenPair leaving = this.sessionTokens.startSession(user, Set.of(Role.USER));
		TokenPair staying = this.sessionTokens.startSession(user, Set.of(Role.USER));

		ResponseEntity<String> logout = post(this.http, "/api/v1/auth/logout", null,
				"{\"refreshToken\":\"" + leaving.refreshToken() + "\"}");

		assertThat(logout.getStatusCode().value()).isEqualTo(204);
		assertThat(refresh(leaving.refreshToken()).getStatusCode().value()).isEqualTo(401);
		assertUnauthorized(get(this.http, PROBE, leaving.accessToken()), "INVALID_TOKEN");
		assertThat(this.redis.hasKey(this.keys.sessionActive(leaving.sessionId()))).isFalse();
		assertThat(get(this.http, PROBE, staying.accessToken()).getStatusCode().value()).isEqualTo(200);
		assertThat(
				post(this.http, "/api/v1/auth/logout", null, "{\"refreshToken\":\"unknown\"}").getStatusCode().value())
			.isEqualTo(204);
	}

	@Test
	void logoutAllNeedsATokenAndEndsEverySessionOfTheCaller() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		TokenPair one = this.sessionTokens.startSession(user, Set.of(Role.USER));
		TokenPair two = this.sessionTokens.startSession(user, Set.of(Role.USER));
		TokenPair someoneElse = this.sessionTokens.startSession(new UserId(UUID.randomUUID()), Set.of(Role.USER));

		assertUnauthorized(post(this.http, "/api/v1/auth/logout-all", null, ""), "AUTHENTICATION_REQUIRED");
		assertThat(post(this.http, "/api/v1/auth/logout-all", one.accessToken(), "").getStatusCode().value())
			.isEqualTo(204);

		assertUnauthorized(get(this.http, PROBE, one.accessToken()), "INVALID_TOKEN");
		assertUnauthorized(get(this.http, PROBE, two.accessToken()), "INVALID_TOKEN");
		assertThat(refresh(two.refreshToken()).getStatusCode().value()).isEqualTo(401);
		assertThat(this.redis.hasKey(this.keys.sessionsRevokedBefore(user.toString()))).isTrue();
		assertThat(get(this.http, PROBE, someoneElse.accessToken()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void revokeAllSessionsEndsOldSessionsButNotTheNextLogin() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		TokenPair before = this.sessionTokens.startSession(user, Set.of(Role.USER));

		this.sessionTokens.revokeAllSessions(user, "password-changed");
		TokenPair after = this.sessionTokens.startSession(user, Set.of(Role.USER));

		assertUnauthorized(get(this.http, PROBE, before.accessToken()), "INVALID_TOKEN");
		assertThat(refresh(before.refreshToken()).getStatusCode().value()).isEqualTo(401);
		assertThat(get(this.http, PROBE, after.accessToken()).getStatusCode().value()).isEqualTo(200);
		assertThat(refresh(after.refreshToken()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void revokeOtherSessionsKeepsOnlyTheCallersOwn() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		TokenPair mine = this.sessionTokens.startSession(user, Set.of(Role.USER));
		TokenPair other = this.sessionTokens.startSession(user, Set.of(Role.USER));

		this.sessionTokens.revokeOtherSessions(user, mine.sessionId(), "password-changed");

		assertUnauthorized(get(this.http, PROBE, other.accessToken()), "INVALID_TOKEN");
		assertThat(refresh(other.refreshToken()).getStatusCode().value()).isEqualTo(401);
		assertThat(get(this.http, PROBE, mine.accessToken()).getStatusCode().value()).isEqualTo(200);
		assertThat(refresh(mine.refreshToken()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void internalEndpointNeedsTheSharedSecret() {
		String body = "{\"itemId\":-1,\"timestep\":\"5m\"}";
		assertThat(post(this.http, "/internal/v1/price-history-imports", null, body).getStatusCode().value())
			.isEqualTo(401);
		HttpHeaders headers = new HttpHeaders();
		headers.set(InternalTokenAuthorization.HEADER, "wrong");
		headers.setContentType(MediaType.APPLICATION_JSON);
		assertThat(this.http
			.exchange("/internal/v1/price-history-imports", HttpMethod.POST, new HttpEntity<>(body, headers),
					String.class)
			.getStatusCode()
			.value()).isEqualTo(401);
		headers.set(InternalTokenAuthorization.HEADER, "test-internal-token");
		assertThat(this.http
			.exchange("/internal/v1/price-history-imports", HttpMethod.POST, new HttpEntity<>(body, headers),
					String.class)
			.getStatusCode()
			.value()).isEqualTo(400);
	}

	private ResponseEntity<String> refresh(String refreshToken) {
		return post(this.http, "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
	}

}
