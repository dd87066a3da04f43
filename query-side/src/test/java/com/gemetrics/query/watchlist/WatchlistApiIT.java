package com.gemetrics.query.watchlist;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.consistency.ReadYourWrites;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.gemetrics.query.watchlist.WatchlistEvents.LOBSTER;
import static com.gemetrics.query.watchlist.WatchlistEvents.WHIP;
import static com.gemetrics.query.watchlist.WatchlistEvents.rule;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/watchlist} over HTTP with real RS256 access tokens (verified through
 * a JWKS served by WireMock, as the command side serves it): each caller sees only their
 * own watchlist, a consistency token makes the answer wait for the command's events, and
 * a bad or foreign token is refused with 400.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.price-history.backfill.enabled=false", "ge.consistency.max-wait=2s" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class WatchlistApiIT {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	@RegisterExtension
	static WireMockExtension commandSide = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static RSAKey key;

	@Autowired
	TestRestTemplate http;

	@Autowired
	EventStore store;

	@Autowired
	JdbcTemplate jdbc;

	private final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	static void key() throws Exception {
		key = new RSAKeyGenerator(2048).keyID("watchlist-test-key").generate();
	}

	@DynamicPropertySource
	static void jwksUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.auth.jwks-url", () -> commandSide.baseUrl() + JWKS_PATH);
	}

	@BeforeEach
	void serveJwksAndPrices() {
		commandSide.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(
				okForContentType("application/jwk-set+json", new JWKSet(List.of(key.toPublicJWK())).toString())));
		WatchlistEvents.priceItems(this.jdbc);
	}

	@Test
	void answersTheCallersOwnWatchlistAndNothingOfAnotherUsers() throws Exception {
		WatchlistEvents alice = new WatchlistEvents(this.store)
			.watch(WHIP, rule("r1", AlertType.PRICE_AT_OR_ABOVE, 1_700_000, true),
					rule("r2", AlertType.MARGIN_AT_OR_ABOVE, 5_000, false))
			.trigger("a1", "r1", WHIP, AlertType.PRICE_AT_OR_ABOVE, 1_700_000, 1_716_616)
			.delivered("a1", DeliveryChannel.EMAIL);
		String aliceToken = bearer(alice.user.toString());

		ResponseEntity<String> response = watchlist(aliceToken, consistency(alice));

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(response.getHeaders().containsKey(ReadYourWrites.STALE_HEADER)).isFalse();
		JsonNode body = this.json.readTree(response.getBody());
		JsonNode whip = body.path("items").get(0);
		assertThat(body.path("items")).hasSize(1);
		assertThat(whip.path("itemId").asInt()).isEqualTo(WHIP);
		assertThat(whip.path("name").asText()).isEqualTo("Abyssal whip");
		assertThat(whip.path("high").asLong()).isEqualTo(1_716_616);
		assertThat(whip.path("low").asLong()).isEqualTo(1_700_000);
		assertThat(whip.path("margin").asLong()).isEqualTo(-550);
		assertThat(whip.path("rules").get(0).path("ruleId").asText()).isEqualTo("r1");
		assertThat(whip.path("rules").get(0).path("isActive").asBoolean()).isTrue();
		assertThat(whip.path("rules").get(0).path("triggeredCount").asInt()).isEqualTo(1);
		assertThat(whip.path("rules").get(1).path("isActive").asBoolean()).isFalse();
		assertThat(whip.path("rules").get(1).path("type").asText()).isEqualTo("MARGIN_AT_OR_ABOVE");
		JsonNode alert = body.path("recentAlerts").get(0);
		assertThat(alert.path("alertId").asText()).isEqualTo("a1");
		assertThat(alert.path("observed").asLong()).isEqualTo(1_716_616);
		assertThat(alert.path("triggeredAt").asText()).isEqualTo(WatchlistEvents.T0.plusSeconds(60).toString());
		assertThat(alert.path("deliveries").get(0).path("channel").asText()).isEqualTo("EMAIL");
		assertThat(alert.path("deliveries").get(0).path("status").asText()).isEqualTo("DELIVERED");

		WatchlistEvents bob = new WatchlistEvents(this.store).watch(LOBSTER);
		JsonNode bobs = this.json.readTree(watchlist(bearer(bob.user.toString()), consistency(bob)).getBody());
		assertThat(bobs.path("items")).hasSize(1);
		assertThat(bobs.path("items").get(0).path("itemId").asInt()).isEqualTo(LOBSTER);
		assertThat(bobs.path("recentAlerts")).isEmpty();
		assertThat(bobs.toString()).doesNotContain("a1", "r1", Integer.toString(WHIP));

		JsonNode stranger = this.json.readTree(watchlist(bearer(UUID.randomUUID().toString()), null).getBody());
		assertThat(stranger.path("items")).isEmpty();
		assertThat(stranger.path("recentAlerts")).isEmpty();
	}

	@Test
	void waitsForTheEventsOfTheGivenConsistencyToken() throws Exception {
		WatchlistEvents trader = new WatchlistEvents(this.store);
		String token = bearer(trader.user.toString());
		String consistency = new ConsistencyToken(ConsistencyToken.WATCHLIST, trader.watchlist.toString(), 1)
			.toString();

		CompletableFuture<ResponseEntity<String>> answer = CompletableFuture
			.supplyAsync(() -> watchlist(token, consistency));
		trader.watch(WHIP).watch(LOBSTER);
		ResponseEntity<String> response = answer.join();

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().containsKey(ReadYourWrites.STALE_HEADER)).isFalse();
		assertThat(this.json.readTree(response.getBody()).path("items")).hasSize(2);

		ResponseEntity<String> byParameter = this.http.exchange("/api/v1/watchlist?consistency=" + consistency(trader),
				HttpMethod.GET, new HttpEntity<>(headers(token)), String.class);
		assertThat(byParameter.getStatusCode().value()).isEqualTo(200);
		assertThat(this.json.readTree(byParameter.getBody()).path("items")).hasSize(2);
	}

	@Test
	void answersWhatItHasAndSaysSoWhenTheTokenIsNotReachedInTime() throws Exception {
		WatchlistEvents trader = new WatchlistEvents(this.store).watch(WHIP);
		String ahead = new ConsistencyToken(ConsistencyToken.WATCHLIST, trader.watchlist.toString(), 7).toString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.json.readTree(watchlist(bearer(trader.user.toString()), null).getBody())
				.path("items")
				.size() == 1);

		ResponseEntity<String> response = watchlist(bearer(trader.user.toString()), ahead);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getFirst(ReadYourWrites.STALE_HEADER)).isEqualTo("true");
		assertThat(this.json.readTree(response.getBody()).path("items")).hasSize(1);
	}

	@Test
	void refusesMalformedForeignAndOtherKindsOfTokensWith400() throws Exception {
		WatchlistEvents alice = new WatchlistEvents(this.store).watch(WHIP);
		String bobToken = bearer(UUID.randomUUID().toString());
		for (String bad : List.of("garbage", "watchlist..1", "watchlist." + alice.watchlist + ".-1",
				"flip." + UUID.randomUUID() + ".0", consistency(alice))) {
			ResponseEntity<String> response = watchlist(bobToken, bad);
			assertThat(response.getStatusCode().value()).as(bad).isEqualTo(400);
			assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.isTrue();
			assertThat(this.json.readTree(response.getBody()).path("code").asText())
				.isEqualTo("CONSISTENCY_TOKEN_INVALID");
		}
	}

	@Test
	void refusesAnonymousCallers() {
		assertThat(watchlist(null, null).getStatusCode().value()).isEqualTo(401);
	}

	private static String consistency(WatchlistEvents events) {
		return new ConsistencyToken(ConsistencyToken.WATCHLIST, events.watchlist.toString(), events.sequence())
			.toString();
	}

	private ResponseEntity<String> watchlist(String bearer, String consistency) {
		HttpHeaders headers = headers(bearer);
		if (consistency != null) {
			headers.set(ConsistencyToken.HEADER, consistency);
		}
		return this.http.exchange("/api/v1/watchlist", HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private static HttpHeaders headers(String bearer) {
		HttpHeaders headers = new HttpHeaders();
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return headers;
	}

	private static String bearer(String subject) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("ge-metrics")
			.audience(List.of("ge-metrics-api"))
			.subject(subject)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString())
			.claim("auth_time", now.getEpochSecond())
			.claim("roles", List.of("USER"))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
