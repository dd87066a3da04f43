package com.gemetrics.command.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.RealInfrastructure;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static com.gemetrics.command.security.SecurityTestSupport.PROBE;
import static com.gemetrics.command.security.SecurityTestSupport.assertUnauthorized;
import static com.gemetrics.command.security.SecurityTestSupport.base64Url;
import static com.gemetrics.command.security.SecurityTestSupport.get;
import static com.gemetrics.command.security.SecurityTestSupport.json;
import static com.gemetrics.command.security.SecurityTestSupport.jwtPart;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens as issued, and every way a forged or stale one is refused, over real
 * HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.internal-token=test-internal-token" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class AccessTokenIT {

	@Autowired
	TestRestTemplate http;

	@Autowired
	SessionTokens sessionTokens;

	@Autowired
	AccessTokens accessTokens;

	@Autowired
	SigningKeys signingKeys;

	@Autowired
	AuthProperties properties;

	@Test
	void issuesSignedTokenWithEveryClaimAndKid() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		TokenPair pair = this.sessionTokens.startSession(user, Set.of(Role.USER, Role.ADMIN));

		JsonNode header = jwtPart(pair.accessToken(), 0);
		JsonNode claims = jwtPart(pair.accessToken(), 1);
		assertThat(header.path("alg").asText()).isEqualTo("RS256");
		JsonNode jwks = json(get(this.http, "/.well-known/jwks.json", null).getBody());
		assertThat(jwks.path("keys").findValuesAsText("kid")).contains(header.path("kid").asText());
		assertThat(claims.path("iss").asText()).isEqualTo("ge-metrics");
		assertThat(claims.path("aud").toString()).contains("ge-metrics-api");
		assertThat(claims.path("sub").asText()).isEqualTo(user.toString());
		assertThat(claims.path("sid").asText()).isEqualTo(pair.sessionId());
		assertThat(claims.path("jti").asText()).isNotBlank();
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
		assertThat(claims.path("nbf").asLong()).isEqualTo(claims.path("iat").asLong());
		assertThat(claims.path("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
		assertThat(pair.expiresIn()).isEqualTo(900);
		assertThat(pair.refreshToken()).hasSize(43);

		assertThat(get(this.http, PROBE, pair.accessToken()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void jwksIsPublicAndShortlyCacheable() throws Exception {
		this.signingKeys.current();
		ResponseEntity<String> response = get(this.http, "/.well-known/jwks.json", null);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getCacheControl()).contains("max-age=60");
		JsonNode key = json(response.getBody()).path("keys").get(0);
		assertThat(key.path("kty").asText()).isEqualTo("RSA");
		assertThat(key.path("alg").asText()).isEqualTo("RS256");
		assertThat(key.has("d")).isFalse();
		assertThat(key.has("p")).isFalse();
	}

	@Test
	void refusesMissingToken() throws Exception {
		assertUnauthorized(get(this.http, PROBE, null), "AUTHENTICATION_REQUIRED");
	}

	@Test
	void refusesExpiredToken() throws Exception {
		Instant now = Instant.now();
		String token = this.accessTokens.issue(new UserId(UUID.randomUUID()), UUID.randomUUID().toString(),
				Set.of(Role.USER), now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(20)),
				Duration.ofMinutes(-1));
		assertUnauthorized(get(this.http, PROBE, token), "INVALID_TOKEN");
	}

	@Test
	void acceptsTokenWithinClockSkewAndRefusesOneBeyond() throws Exception {
		Instant now = Instant.now();
		UserId user = new UserId(UUID.randomUUID());
		String slightlyEarly = this.accessTokens.issue(user, UUID.randomUUID().toString(), Set.of(Role.USER), now,
				now.plusSeconds(10), Duration.ofMinutes(15));
		String notYet = this.accessTokens.issue(user, UUID.randomUUID().toString(), Set.of(Role.USER), now,
				now.plus(Duration.ofMinutes(5)), Duration.ofMinutes(15));
		assertThat(get(this.http, PROBE, slightlyEarly).getStatusCode().value()).isEqualTo(200);
		assertUnauthorized(get(this.http, PROBE, notYet), "INVALID_TOKEN");
	}

	@Test
	void refusesTamperedPayload() throws Exception {
		TokenPair pair = this.sessionTokens.startSession(new UserId(UUID.randomUUID()), Set.of(Role.USER));
		String[] parts = pair.accessToken().split("\\.");
		String claims = jwtPart(pair.accessToken(), 1).toString().replace("[\"USER\"]", "[\"ADMIN\",\"USER\"]");
		assertThat(claims).contains("ADMIN");
		String tampered = parts[0] + "." + base64Url(claims) + "." + parts[2];
		assertUnauthorized(get(this.http, PROBE, tampered), "INVALID_TOKEN");
	}

	@Test
	void refusesTokenSignedWithAnotherKeyUnderTheRightKid() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID(this.signingKeys.current().kid()).generate();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID()).build(),
				validClaims().build());
		jwt.sign(new RSASSASigner(stranger));
		assertUnauthorized(get(this.http, PROBE, jwt.serialize()), "INVALID_TOKEN");
	}

	@Test
	void refusesUnsignedToken() throws Exception {
		String header = base64Url("{\"alg\":\"none\",\"kid\":\"" + this.signingKeys.current().kid() + "\"}");
		String claims = base64Url(validClaims().build().toString());
		assertUnauthorized(get(this.http, PROBE, header + "." + claims + "."), "INVALID_TOKEN");
	}

	@Test
	void refusesHs256SignedWithThePublicKeyAsSecret() throws Exception {
		SigningKeys.SigningKey key = this.signingKeys.current();
		byte[] publicKeyAsSecret = key.publicJwk().toRSAPublicKey().getEncoded();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).build(),
				validClaims().build());
		jwt.sign(new MACSigner(publicKeyAsSecret));
		assertUnauthorized(get(this.http, PROBE, jwt.serialize()), "INVALID_TOKEN");
	}

	@Test
	void refusesWrongIssuerAndWrongAudienceEvenWhenProperlySigned() throws Exception {
		assertThat(get(this.http, PROBE, signWithCurrentKey(validClaims())).getStatusCode().value()).isEqualTo(200);
		assertUnauthorized(get(this.http, PROBE, signWithCurrentKey(validClaims().issuer("someone-else"))),
				"INVALID_TOKEN");
		assertUnauthorized(get(this.http, PROBE, signWithCurrentKey(validClaims().audience("another-api"))),
				"INVALID_TOKEN");
	}

	@Test
	void refusesTokenWithoutSession() throws Exception {
		JWTClaimsSet.Builder claims = validClaims();
		claims.claim("sid", null);
		assertUnauthorized(get(this.http, PROBE, signWithCurrentKey(claims)), "INVALID_TOKEN");
	}

	@Test
	void userTokenIsForbiddenOnAdminPaths() throws Exception {
		TokenPair pair = this.sessionTokens.startSession(new UserId(UUID.randomUUID()), Set.of(Role.USER));
		ResponseEntity<String> response = get(this.http, "/api/v1/admin/users", pair.accessToken());
		assertThat(response.getStatusCode().value()).isEqualTo(403);
		assertThat(json(response.getBody()).path("code").asText()).isEqualTo("FORBIDDEN");
	}

	@Test
	void setsSecurityHeaders() {
		ResponseEntity<String> response = get(this.http, "/.well-known/jwks.json", null);
		HttpHeaders headers = response.getHeaders();
		assertThat(headers.getFirst("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
		assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(headers.getFirst(HttpHeaders.SET_COOKIE)).isNull();
	}

	private JWTClaimsSet.Builder validClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.audience(List.of(this.properties.audience()))
			.subject(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString())
			.claim("auth_time", now.getEpochSecond())
			.claim("roles", List.of("USER"));
	}

	private String signWithCurrentKey(JWTClaimsSet.Builder claims) throws Exception {
		SigningKeys.SigningKey key = this.signingKeys.current();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(),
				claims.build());
		jwt.sign(new RSASSASigner(key.privateKey()));
		return jwt.serialize();
	}

}
