package com.gemetrics.query.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.RoleGrantedEvent;
import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.privacy.PersonalDataCipher;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.TestRegistrations;
import com.gemetrics.platform.security.RedisKeys;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query side verifies the command side's tokens through its JWKS (served here by
 * WireMock with a test key), refuses forged, stale and revoked ones with 401
 * problem+json, accepts an optional token on public market paths, and serves
 * {@code GET /api/v1/me} from the users projection. Revocations are written to Redis
 * exactly as the command side writes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.price-history.backfill.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.jwks.min-refetch-interval=1ms" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class QuerySecurityIT {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	@RegisterExtension
	static WireMockExtension commandSide = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static RSAKey key;

	static RSAKey nextKey;

	@Autowired
	TestRestTemplate http;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	EventBus events;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	DataSource dataSource;

	@Autowired
	PersonalDataCipher cipher;

	private final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	static void keys() throws Exception {
		key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
		nextKey = new RSAKeyGenerator(2048).keyID("test-key-2").generate();
	}

	@DynamicPropertySource
	static void jwksUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.auth.jwks-url", () -> commandSide.baseUrl() + JWKS_PATH);
	}

	@BeforeEach
	void serveJwks() {
		serve(key);
	}

	@Test
	void publicMarketPathsTakeAnonymousCallersAndVerifyAnOptionalToken() throws Exception {
		int anonymous = call(HttpMethod.GET, "/api/v1/items/2", null).getStatusCode().value();
		assertThat(anonymous).isNotEqualTo(401);
		assertThat(call(HttpMethod.GET, "/api/v1/items/2", sign(key, claims())).getStatusCode().value())
			.isEqualTo(anonymous);
		assertUnauthorized(call(HttpMethod.GET, "/api/v1/items/2", "not-a-jwt"));
		assertUnauthorized(call(HttpMethod.GET, "/api/v1/items", sign(key, claims().issuer("someone-else"))));
		assertUnauthorized(call(HttpMethod.GET, "/api/v1/market/stats", sign(key, claims().audience("other"))));
	}

	@Test
	void refusesForgedAndStaleTokens() throws Exception {
		Instant now = Instant.now();
		assertUnauthorized(me(sign(key, claims().expirationTime(Date.from(now.minusSeconds(60))))));
		assertUnauthorized(me(sign(key, claims().notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))))));
		RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
		assertUnauthorized(me(sign(stranger, claims())));
		String[] parts = sign(key, claims()).split("\\.");
		String otherClaims = sign(key, claims().subject(UUID.randomUUID().toString())).split("\\.")[1];
		assertUnauthorized(me(parts[0] + "." + otherClaims + "." + parts[2]));
		String none = base64("{\"alg\":\"none\",\"kid\":\"" + key.getKeyID() + "\"}") + "."
				+ base64(claims().build().toString()) + ".";
		assertUnauthorized(me(none));
		SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
				claims().build());
		hs256.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
		assertUnauthorized(me(hs256.serialize()));
		assertUnauthorized(me(null));
	}

	@Test
	void refusesRevokedSessionsAndSessionsOfAUserWhoLoggedOutEverywhere() throws Exception {
		String sessionId = UUID.randomUUID().toString();
		String userId = UUID.randomUUID().toString();
		long startedAt = Instant.now().minusSeconds(60).getEpochSecond();
		String token = sign(key, claims().subject(userId).claim("sid", sessionId).claim("auth_time", startedAt));
		String otherSession = sign(key,
				claims().subject(userId).claim("sid", UUID.randomUUID().toString()).claim("auth_time", startedAt));
		String laterSession = sign(key,
				claims().subject(userId)
					.claim("sid", UUID.randomUUID().toString())
					.claim("auth_time", Instant.now().plusSeconds(5).getEpochSecond()));
		assertThat(call(HttpMethod.GET, "/api/v1/items/2", token).getStatusCode().value()).isNotEqualTo(401);

		this.redis.opsForValue().set(this.keys.sessionRevoked(sessionId), "1", Duration.ofMinutes(17));
		// A session seen active is trusted for ge.auth.revocation.active-cache (1 s):
		// refused within seconds.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertUnauthorized(call(HttpMethod.GET, "/api/v1/items/2", token)));
		assertThat(call(HttpMethod.GET, "/api/v1/items/2", otherSession).getStatusCode().value()).isNotEqualTo(401);

		this.redis.opsForValue()
			.set(this.keys.sessionsRevokedBefore(userId), Long.toString(Instant.now().getEpochSecond()),
					Duration.ofMinutes(17));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertUnauthorized(call(HttpMethod.GET, "/api/v1/items/2", otherSession)));
		assertThat(call(HttpMethod.GET, "/api/v1/items/2", laterSession).getStatusCode().value()).isNotEqualTo(401);
	}

	@Test
	void unknownKidRefetchesTheJwks() throws Exception {
		serve(key, nextKey);
		assertThat(call(HttpMethod.GET, "/api/v1/items/2", sign(nextKey, claims())).getStatusCode().value())
			.isNotEqualTo(401);
		commandSide.verify(getRequestedFor(urlPathEqualTo(JWKS_PATH)));
	}

	@Test
	void meAnswersTheCallersProfileFromTheProjection() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		this.events.publish(
				new GenericDomainEventMessage<>("User", user.toString(), 0,
						registrations().registered(user, "trader@example.com", "Trader", Instant.now())),
				new GenericDomainEventMessage<>("User", user.toString(), 1,
						new EmailVerifiedEvent(user, Instant.now())),
				new GenericDomainEventMessage<>("User", user.toString(), 2,
						new RoleGrantedEvent(user, Role.AUDITOR, user, Instant.now())));
		String token = sign(key, claims().subject(user.toString()));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> me(token).getBody(), (body) -> body != null && body.contains("AUDITOR"));

		ResponseEntity<String> response = me(token);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.getBody());
		assertThat(body.path("id").asText()).isEqualTo(user.toString());
		assertThat(body.path("email").asText()).isEqualTo("trader@example.com");
		assertThat(body.path("displayName").asText()).isEqualTo("Trader");
		assertThat(body.path("roles").toString()).contains("USER", "AUDITOR");
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
	}

	@Test
	void meShowsNoRoleBeforeTheAddressIsVerified() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		this.events.publish(new GenericDomainEventMessage<>("User", user.toString(), 0,
				registrations().registered(user, "squatter@example.com", "Squatter", Instant.now())));
		String token = sign(key, claims().subject(user.toString()));

		await().atMost(Duration.ofSeconds(30)).until(() -> me(token).getStatusCode().value() == 200);

		JsonNode body = this.json.readTree(me(token).getBody());
		assertThat(body.path("emailVerified").asBoolean()).isFalse();
		assertThat(body.path("roles").isArray()).isTrue();
		assertThat(body.path("roles")).isEmpty();
	}

	@Test
	void meIsNotFoundForAValidTokenOfAnUnknownUser() throws Exception {
		ResponseEntity<String> response = me(sign(key, claims()));
		assertThat(response.getStatusCode().value()).isEqualTo(404);
		assertThat(this.json.readTree(response.getBody()).path("code").asText()).isEqualTo("USER_NOT_FOUND");
	}

	@Test
	void rolePathsNeedTheirRoles() throws Exception {
		String user = sign(key, claims());
		ResponseEntity<String> response = call(HttpMethod.GET, "/api/v1/audit/events", user);
		assertThat(response.getStatusCode().value()).isEqualTo(403);
		assertThat(this.json.readTree(response.getBody()).path("code").asText()).isEqualTo("FORBIDDEN");
		assertThat(call(HttpMethod.GET, "/api/v1/admin/anything", user).getStatusCode().value()).isEqualTo(403);
	}

	@Test
	void everyNonPublicEndpointRefusesAnonymousCallers() {
		AntPathMatcher paths = new AntPathMatcher();
		List<String> leaks = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					String path = pattern.replaceAll("\\{[^}]+}", "1");
					boolean isPublic = pattern.equals("/error") || (method == RequestMethod.GET
							&& SecurityConfig.PUBLIC_GET.stream().anyMatch((p) -> paths.match(p, path)));
					int status = call(HttpMethod.valueOf(method.name()), path, null).getStatusCode().value();
					if (!isPublic && status != 401) {
						leaks.add(method + " " + pattern + " answered " + status);
					}
				}
			}
		}
		assertThat(leaks).isEmpty();
		assertThat(call(HttpMethod.GET, "/api/v1/me", null).getStatusCode().value()).isEqualTo(401);
		assertThat(call(HttpMethod.GET, "/actuator/metrics", null).getStatusCode().value()).isEqualTo(401);
		assertThat(call(HttpMethod.GET, "/actuator/prometheus", null).getStatusCode().value()).isNotEqualTo(401);
	}

	@Test
	void setsSecurityHeadersOnThePublicReadPath() {
		HttpHeaders headers = call(HttpMethod.GET, "/api/v1/items", null).getHeaders();
		assertThat(headers.getFirst("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
		assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	private static void serve(RSAKey... published) {
		List<JWK> publicKeys = new ArrayList<>();
		for (RSAKey each : published) {
			publicKeys.add(each.toPublicJWK());
		}
		commandSide.stubFor(get(urlPathEqualTo(JWKS_PATH))
			.willReturn(okForContentType("application/jwk-set+json", new JWKSet(publicKeys).toString())));
	}

	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("ge-metrics")
			.audience(List.of("ge-metrics-api"))
			.subject(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString())
			.claim("auth_time", now.getEpochSecond())
			.claim("roles", List.of("USER"));
	}

	private static String sign(RSAKey signer, JWTClaimsSet.Builder claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
				claims.build());
		jwt.sign(new RSASSASigner(signer));
		return jwt.serialize();
	}

	private TestRegistrations registrations() {
		return new TestRegistrations(this.dataSource, this.cipher);
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private ResponseEntity<String> me(String bearer) {
		return call(HttpMethod.GET, "/api/v1/me", bearer);
	}

	private ResponseEntity<String> call(HttpMethod method, String path, String bearer) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(path, method, new HttpEntity<>(method == HttpMethod.GET ? null : "{}", headers),
				String.class);
	}

	private void assertUnauthorized(ResponseEntity<String> response) throws Exception {
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat(this.json.readTree(response.getBody()).path("code").asText()).isIn("INVALID_TOKEN",
				"AUTHENTICATION_REQUIRED");
	}

}
