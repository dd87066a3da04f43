package com.gemetrics.query.journal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.price.GeTax;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.Subscribers;
import com.gemetrics.query.journal.JournalFixtures.FlipStream;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.axonframework.eventhandling.gateway.EventGateway;
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

import static com.gemetrics.query.journal.JournalFixtures.LOBSTER;
import static com.gemetrics.query.journal.JournalFixtures.PROJECTION_TIMEOUT;
import static com.gemetrics.query.journal.JournalFixtures.WHIP;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal endpoints end to end: Flip events written to the real event store, the
 * journal projection, and HTTP calls with RS256 access tokens verified through a JWKS
 * (served by WireMock, as the command side serves it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.price-history.backfill.enabled=false", "ge.consistency.max-wait=1s" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class JournalApiIT {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	static final int DEATH_RUNE = 560;

	/** Taxed, and never in the catalogue these tests publish. */
	static final int CANNONBALL = 2;

	@RegisterExtension
	static WireMockExtension commandSide = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static RSAKey key;

	@Autowired
	TestRestTemplate http;

	@Autowired
	EventStore events;

	@Autowired
	EventGateway eventGateway;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	EntitlementLookup entitlements;

	private final ObjectMapper json = new ObjectMapper();

	JournalFixtures fixtures;

	@BeforeAll
	static void keys() throws Exception {
		key = new RSAKeyGenerator(2048).keyID("journal-test-key").generate();
	}

	@DynamicPropertySource
	static void jwksUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.auth.jwks-url", () -> commandSide.baseUrl() + JWKS_PATH);
	}

	@BeforeEach
	void setUp() {
		commandSide.stubFor(WireMock.get(urlPathEqualTo(JWKS_PATH))
			.willReturn(okForContentType("application/jwk-set+json", new JWKSet(key.toPublicJWK()).toString())));
		this.fixtures = new JournalFixtures(this.events, this.jdbc);
	}

	@Test
	void listsTheCallersFlipsNewestFirstInPagesWithFilters() throws Exception {
		UserId user = newUser();
		FlipStream f1 = this.fixtures.open(user, "main", WHIP, 1, 100, at("2025-06-01T00:00:00Z"))
			.sale("s", 1, 120, at("2025-06-01T01:00:00Z"));
		FlipStream f2 = this.fixtures.open(user, "main", LOBSTER, 10, 150, at("2025-06-02T00:00:00Z"));
		FlipStream f3 = this.fixtures.open(user, "alt", WHIP, 1, 100, at("2025-06-03T00:00:00Z"));
		FlipStream f4 = this.fixtures.open(user, "alt", LOBSTER, 10, 150, at("2025-06-04T00:00:00Z"))
			.writeOff(10, at("2025-06-04T01:00:00Z"));
		FlipStream f5 = this.fixtures.open(user, "main", WHIP, 1, 100, at("2025-06-05T00:00:00Z"));
		FlipStream stranger = this.fixtures.open(newUser(), "main", WHIP, 1, 100, at("2025-06-06T00:00:00Z"));
		List.of(f1, f2, f3, f4, f5, stranger).forEach(this.fixtures::awaitApplied);
		String token = token(user);

		JsonNode first = body(get("/api/v1/flips?limit=2", token));
		assertThat(ids(first)).containsExactly(id(f5), id(f4));
		JsonNode second = body(get("/api/v1/flips?limit=2&cursor=" + first.path("nextCursor").asText(), token));
		assertThat(ids(second)).containsExactly(id(f3), id(f2));
		JsonNode last = body(get("/api/v1/flips?limit=2&cursor=" + second.path("nextCursor").asText(), token));
		assertThat(ids(last)).containsExactly(id(f1));
		assertThat(last.path("nextCursor").isNull()).isTrue();
		assertThat(ids(body(get("/api/v1/flips", token)))).containsExactly(id(f5), id(f4), id(f3), id(f2), id(f1));

		assertThat(ids(body(get("/api/v1/flips?item=4151", token)))).containsExactly(id(f5), id(f3), id(f1));
		assertThat(ids(body(get("/api/v1/flips?account=alt", token)))).containsExactly(id(f4), id(f3));
		assertThat(ids(body(get("/api/v1/flips?status=closed", token)))).containsExactly(id(f4), id(f1));
		assertThat(ids(body(get("/api/v1/flips?status=open", token)))).containsExactly(id(f5), id(f3), id(f2));
		assertThat(ids(body(get("/api/v1/flips?from=2025-06-02T00:00:00Z&to=2025-06-04T00:00:00Z", token))))
			.containsExactly(id(f3), id(f2));
		assertThat(ids(body(get("/api/v1/flips?item=4151&account=main&status=open", token)))).containsExactly(id(f5));

		JsonNode closed = body(get("/api/v1/flips?status=closed&limit=1", token)).path("items").get(0);
		assertThat(closed.path("status").asText()).isEqualTo("closed");
		assertThat(closed.path("writtenOffQuantity").asLong()).isEqualTo(10);
		assertThat(closed.path("profit").asLong()).isEqualTo(-1500);
		assertThat(closed.path("openQuantity").asLong()).isZero();

		assertProblem(get("/api/v1/flips?limit=0", token), 400, "INVALID_LIMIT");
		assertProblem(get("/api/v1/flips?limit=101", token), 400, "INVALID_LIMIT");
		assertProblem(get("/api/v1/flips?status=sold", token), 400, "INVALID_STATUS");
		assertProblem(get("/api/v1/flips?cursor=abc", token), 400, "INVALID_CURSOR");
		assertProblem(get("/api/v1/flips?item=0", token), 400, "INVALID_ITEM_ID");
		assertProblem(get("/api/v1/flips?from=2025-06-04T00:00:00Z&to=2025-06-02T00:00:00Z", token), 400,
				"INVALID_RANGE");
		assertProblem(get("/api/v1/flips?from=yesterday", token), 400, "INVALID_PARAMETER");
		assertThat(get("/api/v1/flips", null).getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void aFlipComesWithItsSalesAndAnotherUsersFlipIsNotFound() throws Exception {
		UserId user = newUser();
		FlipStream whip = this.fixtures.open(user, "main", WHIP, 10, 1_700_000, at("2025-06-05T00:00:00Z"))
			.sale("s1", 4, 1_800_000, at("2025-06-10T00:00:00Z"))
			.sale("s2", 2, 1_750_000, at("2025-06-11T00:00:00Z"))
			.applied();
		FlipStream theirs = this.fixtures.open(newUser(), "main", WHIP, 1, 100, at("2025-06-05T00:00:00Z")).applied();
		String token = token(user);

		ResponseEntity<String> response = get("/api/v1/flips/" + id(whip), token);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		JsonNode flip = body(response);
		assertThat(flip.path("id").asText()).isEqualTo(id(whip));
		assertThat(flip.path("status").asText()).isEqualTo("open");
		assertThat(flip.path("openQuantity").asLong()).isEqualTo(4);
		assertThat(flip.path("profit").asLong()).isEqualTo(4 * 64_000 + 2 * 15_000);
		assertThat(flip.path("tax").asLong()).isEqualTo(4 * 36_000 + 2 * 35_000);
		JsonNode sales = flip.path("sales");
		assertThat(sales).hasSize(2);
		assertThat(sales.get(0).path("saleId").asText()).isEqualTo("s1");
		assertThat(sales.get(0).path("taxPerItem").asLong()).isEqualTo(36_000);
		assertThat(sales.get(0).path("tax").asLong()).isEqualTo(144_000);
		assertThat(sales.get(0).path("profit").asLong()).isEqualTo(256_000);
		assertThat(sales.get(1).path("profit").asLong()).isEqualTo(30_000);

		assertProblem(get("/api/v1/flips/" + id(theirs), token), 404, "FLIP_NOT_FOUND");
		assertProblem(get("/api/v1/flips/" + UUID.randomUUID(), token), 404, "FLIP_NOT_FOUND");
		assertProblem(get("/api/v1/flips/not-a-flip", token), 404, "FLIP_NOT_FOUND");
	}

	@Test
	void aConsistencyTokenMakesTheReadWaitForTheWrite() throws Exception {
		UserId user = newUser();
		String token = token(user);
		FlipStream whip = this.fixtures.open(user, "main", WHIP, 10, 1_000, at("2025-06-05T00:00:00Z")).applied();

		whip.sale("s1", 4, 1_100, at("2025-06-06T00:00:00Z"));
		ResponseEntity<String> byHeader = get("/api/v1/flips/" + id(whip), token, whip.token());
		assertThat(byHeader.getHeaders().containsKey("X-Consistency-Stale")).isFalse();
		assertThat(body(byHeader).path("soldQuantity").asLong()).isEqualTo(4);

		whip.sale("s2", 6, 1_100, at("2025-06-06T00:00:00Z"));
		ResponseEntity<String> byParameter = get("/api/v1/flips?consistency=" + whip.token(), token);
		assertThat(byParameter.getHeaders().containsKey("X-Consistency-Stale")).isFalse();
		assertThat(body(byParameter).path("items").get(0).path("status").asText()).isEqualTo("closed");

		whip.delete(at("2025-06-07T00:00:00Z"));
		ResponseEntity<String> deleted = get("/api/v1/flips/" + id(whip), token, whip.token());
		assertProblem(deleted, 404, "FLIP_NOT_FOUND");
		assertThat(deleted.getHeaders().containsKey("X-Consistency-Stale")).isFalse();

		FlipStream other = this.fixtures.open(user, "main", WHIP, 10, 1_000, at("2025-06-05T00:00:00Z")).applied();
		ResponseEntity<String> stale = get("/api/v1/flips/" + id(other), token, "flip." + id(other) + ".7");
		assertThat(stale.getStatusCode().value()).isEqualTo(200);
		assertThat(stale.getHeaders().getFirst("X-Consistency-Stale")).isEqualTo("true");

		assertProblem(get("/api/v1/flips", token, "garbage"), 400, "CONSISTENCY_TOKEN_INVALID");
		assertProblem(get("/api/v1/flips?consistency=watchlist." + id(other) + ".1", token), 400,
				"CONSISTENCY_TOKEN_INVALID");
		assertProblem(get("/api/v1/flips/stats", token, "flip.not-a-flip.1"), 400, "CONSISTENCY_TOKEN_INVALID");
		assertProblem(get("/api/v1/limits?consistency=flip." + id(other) + ".-1", token), 400,
				"CONSISTENCY_TOKEN_INVALID");
	}

	@Test
	void statsMatchHandComputedFigures() throws Exception {
		UserId user = newUser();
		this.fixtures.open(user, "main", WHIP, 10, 1_700_000, at("2025-06-10T00:00:00Z"))
			.sale("a", 4, 1_800_000, at("2025-06-10T06:00:00Z"))
			.sale("b", 6, 1_750_000, at("2025-06-11T00:00:00Z"))
			.applied();
		this.fixtures.open(user, "main", LOBSTER, 1000, 150, at("2025-06-10T00:00:00Z"))
			.sale("c", 1000, 140, at("2025-06-10T12:00:00Z"))
			.applied();
		this.fixtures.open(user, "alt", DEATH_RUNE, 100, 45, at("2025-06-11T00:00:00Z"))
			.sale("d", 50, 50, at("2025-06-11T02:00:00Z"))
			.applied();
		this.fixtures.open(user, "alt", WHIP, 1, 1_000_000, at("2025-06-12T00:00:00Z"))
			.writeOff(1, at("2025-06-12T06:00:00Z"))
			.applied();
		String token = token(user);

		JsonNode stats = body(get("/api/v1/flips/stats", token));
		JsonNode totals = stats.path("totals");
		assertThat(totals.path("totalProfit").asLong()).isEqualTo(-663_800);
		assertThat(totals.path("costOfSold").asLong()).isEqualTo(18_152_250);
		assertThat(totals.path("roi").asDouble()).isEqualTo(-663_800.0 / 18_152_250);
		assertThat(totals.path("trades").asLong()).isEqualTo(5);
		assertThat(totals.path("flips").asLong()).isEqualTo(3);
		assertThat(totals.path("averageProfitPerFlip").asLong()).isEqualTo(-221_334);
		assertThat(totals.path("averageHoldSeconds").asLong()).isEqualTo(50_400);
		assertThat(totals.path("profitPerHour").asLong()).isEqualTo(-15_810);
		assertThat(stats.path("losingTrades").asLong()).isEqualTo(2);
		assertThat(stats.path("totalLoss").asLong()).isEqualTo(-1_010_000);
		assertThat(itemIds(stats.path("bestItems"))).containsExactly(DEATH_RUNE);
		assertThat(itemIds(stats.path("worstItems"))).containsExactly(WHIP, LOBSTER);
		assertThat(stats.path("worstItems").get(0).path("profit").asLong()).isEqualTo(-654_000);
		assertThat(stats.path("profitPerDay").toString()).isEqualTo("[{\"day\":\"2025-06-10\",\"profit\":246000},"
				+ "{\"day\":\"2025-06-11\",\"profit\":90200},{\"day\":\"2025-06-12\",\"profit\":-1000000}]");
		JsonNode alt = stats.path("accounts").get(0);
		assertThat(alt.path("account").asText()).isEqualTo("alt");
		assertThat(alt.path("totalProfit").asLong()).isEqualTo(-999_800);
		assertThat(alt.path("costOfSold").asLong()).isEqualTo(1_002_250);
		assertThat(alt.path("flips").asLong()).isEqualTo(1);
		assertThat(alt.path("profitPerHour").asLong()).isEqualTo(-166_667);
		JsonNode main = stats.path("accounts").get(1);
		assertThat(main.path("account").asText()).isEqualTo("main");
		assertThat(main.path("totalProfit").asLong()).isEqualTo(336_000);
		assertThat(main.path("costOfSold").asLong()).isEqualTo(17_150_000);
		assertThat(main.path("flips").asLong()).isEqualTo(2);
		assertThat(main.path("averageProfitPerFlip").asLong()).isEqualTo(168_000);
		assertThat(main.path("averageHoldSeconds").asLong()).isEqualTo(64_800);
		assertThat(main.path("profitPerHour").asLong()).isEqualTo(9_333);

		JsonNode mainOnly = body(get("/api/v1/flips/stats?account=main", token));
		assertThat(mainOnly.path("totals").path("totalProfit").asLong()).isEqualTo(336_000);
		assertThat(itemIds(mainOnly.path("bestItems"))).containsExactly(WHIP);
		assertThat(itemIds(mainOnly.path("worstItems"))).containsExactly(LOBSTER);
		assertThat(mainOnly.path("accounts")).hasSize(1);

		JsonNode oneDay = body(get("/api/v1/flips/stats?from=2025-06-11T00:00:00Z&to=2025-06-12T00:00:00Z", token));
		assertThat(oneDay.path("totals").path("totalProfit").asLong()).isEqualTo(90_200);
		assertThat(oneDay.path("totals").path("flips").asLong()).isEqualTo(1);
		assertThat(oneDay.path("totals").path("averageProfitPerFlip").asLong()).isEqualTo(346_000);

		JsonNode nobody = body(get("/api/v1/flips/stats", token(newUser())));
		assertThat(nobody.path("totals").path("totalProfit").asLong()).isZero();
		assertThat(nobody.path("totals").path("roi").isNull()).isTrue();
		assertProblem(get("/api/v1/flips/stats?from=2025-06-12T00:00:00Z&to=2025-06-11T00:00:00Z", token), 400,
				"INVALID_RANGE");
	}

	@Test
	void positionsAreValuedAtTheLatestHighAfterTax() throws Exception {
		publishMarket();
		UserId user = newUser();
		this.fixtures.open(user, "main", WHIP, 10, 1_700_000, at("2025-06-10T00:00:00Z"))
			.sale("a", 4, 1_800_000, at("2025-06-10T06:00:00Z"))
			.applied();
		this.fixtures.open(user, "main", WHIP, 2, 1_750_000, at("2025-06-11T00:00:00Z")).applied();
		this.fixtures.open(user, "alt", DEATH_RUNE, 100, 45, at("2025-06-11T00:00:00Z")).applied();
		this.fixtures.open(user, "alt", LOBSTER, 5, 150, at("2025-06-11T00:00:00Z"))
			.sale("b", 5, 160, at("2025-06-11T01:00:00Z"))
			.applied();

		JsonNode positions = body(get("/api/v1/flips/positions", token(user))).path("positions");
		assertThat(positions).hasSize(2);
		JsonNode runes = positions.get(0);
		assertThat(runes.path("account").asText()).isEqualTo("alt");
		assertThat(runes.path("openQuantity").asLong()).isEqualTo(100);
		assertThat(runes.path("price").isNull()).as("no price yet").isTrue();
		assertThat(runes.path("unrealizedProfit").isNull()).isTrue();
		JsonNode whip = positions.get(1);
		assertThat(whip.path("account").asText()).isEqualTo("main");
		assertThat(whip.path("itemName").asText()).isEqualTo("Abyssal whip");
		assertThat(whip.path("openQuantity").asLong()).isEqualTo(8);
		assertThat(whip.path("cost").asLong()).isEqualTo(13_700_000);
		assertThat(whip.path("averageBuyPrice").asLong()).isEqualTo(1_712_500);
		long tax = GeTax.taxPerItem(WHIP, 1_800_000, Instant.now());
		assertThat(whip.path("taxPerItem").asLong()).isEqualTo(tax);
		assertThat(whip.path("value").asLong()).isEqualTo(14_400_000);
		assertThat(whip.path("unrealizedProfit").asLong()).isEqualTo(8 * (1_800_000 - tax) - 13_700_000);
	}

	@Test
	void theLimitsLedgerCountsTheBuysOfTheLastFourHours() throws Exception {
		publishMarket();
		UserId user = newUser();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.fixtures.open(user, "main", WHIP, 50, 1_700_000, now.minus(Duration.ofHours(5))).applied();
		this.fixtures.open(user, "main", WHIP, 30, 1_700_000, now.minus(Duration.ofHours(3))).applied();
		this.fixtures.open(user, "main", WHIP, 20, 1_700_000, now.minus(Duration.ofHours(1))).applied();
		this.fixtures.open(user, "alt", WHIP, 10, 1_700_000, now.minus(Duration.ofHours(2))).applied();
		this.fixtures.open(user, "alt", DEATH_RUNE, 10, 45, now.minus(Duration.ofHours(2))).applied();
		String token = token(user);

		JsonNode ledger = body(get("/api/v1/limits", token));
		assertThat(ledger.path("windowHours").asInt()).isEqualTo(4);
		JsonNode limits = ledger.path("limits");
		assertThat(limits).hasSize(3);
		JsonNode altRunes = limits.get(0);
		assertThat(altRunes.path("itemId").asInt()).isEqualTo(DEATH_RUNE);
		assertThat(altRunes.path("limit").isNull()).as("not in the catalogue").isTrue();
		assertThat(altRunes.path("remaining").isNull()).isTrue();
		JsonNode altWhip = limits.get(1);
		assertThat(altWhip.path("account").asText()).isEqualTo("alt");
		assertThat(altWhip.path("used").asLong()).isEqualTo(10);
		assertThat(altWhip.path("remaining").asLong()).isEqualTo(60);
		assertThat(Instant.parse(altWhip.path("resetsAt").asText())).isEqualTo(now.plus(Duration.ofHours(2)));
		JsonNode mainWhip = limits.get(2);
		assertThat(mainWhip.path("account").asText()).isEqualTo("main");
		assertThat(mainWhip.path("limit").asInt()).isEqualTo(70);
		assertThat(mainWhip.path("used").asLong()).isEqualTo(50);
		assertThat(mainWhip.path("remaining").asLong()).isEqualTo(20);
		assertThat(Instant.parse(mainWhip.path("resetsAt").asText())).isEqualTo(now.plus(Duration.ofHours(1)));

		assertThat(body(get("/api/v1/limits?account=main", token)).path("limits")).hasSize(1);
	}

	@Test
	void exportsTheCallersFlipsAsCsvAndJson() throws Exception {
		UserId user = newUser();
		FlipStream cannonballs = this.fixtures
			.open(user, "=main, \"1\"", CANNONBALL, 10, 170, at("2025-06-10T00:00:00Z"))
			.sale("a", 4, 180, at("2025-06-10T06:00:00Z"))
			.applied();
		FlipStream runes = this.fixtures.open(user, "alt", DEATH_RUNE, 5, 150, at("2025-06-11T00:00:00Z")).applied();
		this.fixtures.open(newUser(), "main", CANNONBALL, 1, 1, at("2025-06-11T00:00:00Z")).applied();
		String token = token(user);

		ResponseEntity<String> csv = get("/api/v1/flips/export?format=csv", token);
		assertThat(csv.getStatusCode().value()).isEqualTo(200);
		assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
		assertThat(csv.getHeaders().getContentDisposition().isAttachment()).isTrue();
		assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("flips.csv");
		String[] lines = csv.getBody().split("\r\n");
		assertThat(lines).hasSize(3);
		assertThat(lines[0]).isEqualTo(FlipExporter.CSV_HEADER);
		assertThat(lines[1])
			.isEqualTo(id(runes) + ",alt," + DEATH_RUNE + ",,open,5,150,2025-06-11T00:00:00Z,0,0,5,0,750,0,0,0,,");
		assertThat(lines[2]).isEqualTo(id(cannonballs) + ",\"'=main, \"\"1\"\"\"," + CANNONBALL
				+ ",,open,10,170,2025-06-10T00:00:00Z,4,0,6,1,1700,720,12,28,2025-06-10T06:00:00Z,");

		ResponseEntity<String> json = get("/api/v1/flips/export?format=json", token);
		assertThat(json.getHeaders().getContentDisposition().getFilename()).isEqualTo("flips.json");
		JsonNode rows = body(json);
		assertThat(rows).hasSize(2);
		assertThat(rows.get(1).path("id").asText()).isEqualTo(id(cannonballs));
		assertThat(rows.get(1).path("account").asText()).isEqualTo("=main, \"1\"");
		assertThat(rows.get(1).path("sales").asInt()).isEqualTo(1);
		assertThat(rows.get(1).path("profit").asLong()).isEqualTo(28);
		assertThat(rows.get(1).path("boughtAt").asText()).isEqualTo("2025-06-10T00:00:00Z");

		assertProblem(get("/api/v1/flips/export?format=xml", token), 400, "INVALID_FORMAT");
	}

	@Test
	void exportsAtMostThePlansRowsNewestFirstAndSaysSo() throws Exception {
		UserId user = newUser();
		Instant first = at("2025-01-01T00:00:00Z");
		for (int i = 0; i < 1_001; i++) {
			this.fixtures.open(user, "main", WHIP, 1, 100, first.plusSeconds(60L * i));
		}
		await().atMost(JournalFixtures.PROJECTION_TIMEOUT)
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM read.flips WHERE user_id = ?", Long.class,
					user.value()) == 1_001);
		String token = token(user);

		ResponseEntity<String> free = get("/api/v1/flips/export?format=csv", token);
		String[] lines = free.getBody().split("\r\n");
		assertThat(free.getHeaders().getFirst(FlipExporter.TRUNCATED_HEADER)).isEqualTo("true");
		assertThat(free.getHeaders().getFirst(FlipExporter.LIMIT_HEADER)).isEqualTo("1000");
		assertThat(lines).hasSize(1 + 1_000);
		assertThat(lines[1]).contains(first.plusSeconds(60L * 1_000).toString());
		assertThat(lines[1_000]).contains(first.plusSeconds(60L).toString());
		ResponseEntity<String> freeJson = get("/api/v1/flips/export?format=json", token);
		assertThat(freeJson.getHeaders().getFirst(FlipExporter.TRUNCATED_HEADER)).isEqualTo("true");
		assertThat(body(freeJson)).hasSize(1_000);

		Subscribers.premium(this.jdbc, this.entitlements, user.value());
		ResponseEntity<String> premium = get("/api/v1/flips/export?format=csv", token);
		assertThat(premium.getHeaders().containsKey(FlipExporter.TRUNCATED_HEADER)).isFalse();
		assertThat(premium.getBody().split("\r\n")).hasSize(1 + 1_001);
	}

	private void publishMarket() {
		Instant now = Instant.now();
		this.eventGateway.publish(new ItemCatalogSyncedEvent(now, List.of(
				new CatalogItem(WHIP, "Abyssal whip", "A weapon from the abyss.", true, 70, 48000, 72000, 120001,
						"Abyssal whip.png"),
				new CatalogItem(LOBSTER, "Lobster", "A lobster.", false, 13000, null, null, 1, "Lobster.png"))));
		this.eventGateway.publish(new LatestPricesObservedEvent(now,
				List.of(new PriceQuote(WHIP, 1_800_000L, now.minusSeconds(30), 1_750_000L, now.minusSeconds(20)))));
		await().atMost(PROJECTION_TIMEOUT)
			.until(() -> this.jdbc.queryForList(
					"SELECT high FROM read.item_summary WHERE item_id = ? AND name IS NOT NULL", Long.class, WHIP),
					(highs) -> highs.size() == 1 && highs.get(0) != null);
	}

	private static UserId newUser() {
		return new UserId(UUID.randomUUID());
	}

	private static String id(FlipStream flip) {
		return flip.id.toString();
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("items").forEach((item) -> ids.add(item.path("id").asText()));
		return ids;
	}

	private static List<Integer> itemIds(JsonNode items) {
		List<Integer> ids = new ArrayList<>();
		items.forEach((item) -> ids.add(item.path("itemId").asInt()));
		return ids;
	}

	private JsonNode body(ResponseEntity<String> response) throws Exception {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
		return this.json.readTree(response.getBody());
	}

	private void assertProblem(ResponseEntity<String> response, int status, String code) throws Exception {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat(this.json.readTree(response.getBody()).path("code").asText()).isEqualTo(code);
	}

	private ResponseEntity<String> get(String path, String bearer) {
		return get(path, bearer, null);
	}

	private ResponseEntity<String> get(String path, String bearer, String consistencyToken) {
		HttpHeaders headers = new HttpHeaders();
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		if (consistencyToken != null) {
			headers.set("X-Consistency-Token", consistencyToken);
		}
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private static String token(UserId user) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("ge-metrics")
			.audience(List.of("ge-metrics-api"))
			.subject(user.toString())
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

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
