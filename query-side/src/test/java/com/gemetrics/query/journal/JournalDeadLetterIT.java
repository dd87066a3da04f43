package com.gemetrics.query.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.query.RealInfrastructure;
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
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.gemetrics.query.journal.JournalFixtures.LOBSTER;
import static com.gemetrics.query.journal.JournalFixtures.WHIP;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event in the journal processor, on the real PostgreSQL: it and the later
 * events of its flip are parked in the dead-letter queue, atomically (nothing the failing
 * handler wrote stays), while other users' flips in the same segment keep projecting;
 * admins list it, retry it once the cause is fixed, or evict it; the gauge counts it. The
 * poison is a CHECK constraint the test adds to {@code read.flips}, standing for a bug an
 * operator can fix: a statement that fails after the handler has already written a row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.price-history.backfill.enabled=false", "ge.dead-letters.retry.enabled=false",
				"ge.dead-letters.check-interval=200ms", "ge.auth.jwks.connect-timeout=10s",
				"ge.auth.jwks.read-timeout=20s" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class JournalDeadLetterIT {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	static final String DEAD_LETTERS = "/api/v1/admin/dead-letters";

	/**
	 * Generous: the machine running the tests may be busy (the JWKS timeouts above too).
	 */
	static final Duration TIMEOUT = Duration.ofSeconds(60);

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
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JournalReplay replay;

	private final ObjectMapper json = new ObjectMapper();

	JournalFixtures fixtures;

	/**
	 * Served before the context starts too, so its first fetch of the keys finds them.
	 */
	@BeforeAll
	static void keys() throws Exception {
		key = new RSAKeyGenerator(2048).keyID("dead-letter-test-key").generate();
		serveKeys();
	}

	static void serveKeys() {
		commandSide.stubFor(WireMock.get(urlPathEqualTo(JWKS_PATH))
			.willReturn(okForContentType("application/jwk-set+json", new JWKSet(key.toPublicJWK()).toString())));
	}

	@DynamicPropertySource
	static void jwksUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.auth.jwks-url", () -> commandSide.baseUrl() + JWKS_PATH);
	}

	@BeforeEach
	void setUp() {
		serveKeys();
		this.fixtures = new JournalFixtures(this.events, this.jdbc);
	}

	private JdbcTemplate owner() {
		return RealInfrastructure.asOwner(this.jdbc.getDataSource());
	}

	@AfterEach
	void removePoison() {
		owner().execute("ALTER TABLE read.flips DROP CONSTRAINT IF EXISTS it_poison_sale");
		owner().execute("ALTER TABLE read.flips DROP CONSTRAINT IF EXISTS it_poison_buy");
		this.jdbc.update("DELETE FROM dead_letter_entry");
	}

	@Test
	void aPoisonEventParksOnlyItsFlipAtomicallyUntilARetryAfterTheFixAppliesItInOrder() throws Exception {
		owner().execute("ALTER TABLE read.flips ADD CONSTRAINT it_poison_sale CHECK (sold_quantity <> 7)");
		FlipId poisonedId = new FlipId(UUID.randomUUID());
		Segment segment = segmentOf(poisonedId);
		FlipStream poisoned = this.fixtures.new FlipStream(poisonedId, new UserId(UUID.randomUUID()));
		applied(poisoned.append(new FlipOpenedEvent(poisonedId, poisoned.user, "main", WHIP, 10, 1_000_000,
				at("2025-06-01T00:00:00Z"))));

		poisoned.sale("s1", 7, 1_100_000, at("2025-06-02T00:00:00Z"))
			.sale("s2", 2, 1_200_000, at("2025-06-03T00:00:00Z"));
		FlipStream other = flipIn(segment, new UserId(UUID.randomUUID())).sale("o1", 5, 200,
				at("2025-06-02T00:00:00Z"));
		FlipStream another = flipIn(segment, new UserId(UUID.randomUUID()));

		applied(other);
		applied(another);
		await().atMost(TIMEOUT).until(() -> letters("journal").size() == 2);
		assertThat(this.fixtures.version(poisonedId.value())).as("the flip stays at its open").isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.user_transactions WHERE flip_id = ?", Long.class,
				poisonedId.value()))
			.as("the sale row the failing handler inserted before its refresh failed is rolled back")
			.isZero();

		JsonNode first = letters("journal").get(0);
		JsonNode second = letters("journal").get(1);
		assertThat(first.path("processor").asText()).isEqualTo("journal");
		assertThat(first.path("sequenceId").asText()).isEqualTo(poisonedId.toString());
		assertThat(first.path("aggregateId").asText()).isEqualTo(poisonedId.toString());
		assertThat(first.path("sequenceIndex").asLong()).isEqualTo(1);
		assertThat(first.path("aggregateSequence").asLong()).isEqualTo(1);
		assertThat(first.path("eventType").asText()).isEqualTo("com.gemetrics.api.flip.FlipSaleRecordedEvent");
		assertThat(first.path("causeType").asText()).contains("DataIntegrityViolation");
		assertThat(first.path("causeMessage").asText()).contains("UPDATE read.flips").hasSizeLessThanOrEqualTo(301);
		assertThat(first.path("globalIndex").asLong()).isPositive();
		assertThat(first.path("retries").asLong()).isZero();
		assertThat(second.path("sequenceIndex").asLong()).as("parked behind it, in order").isEqualTo(2);
		assertThat(second.path("aggregateSequence").asLong()).isEqualTo(2);
		assertThat(second.path("causeType").isNull()).as("parked only because its flip is").isTrue();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(gauge("journal")).isEqualTo(2.0));

		JsonNode stillFailing = retry("journal");
		assertThat(stillFailing.path("attempted").asInt()).isEqualTo(1);
		assertThat(stillFailing.path("succeeded").asInt()).isZero();
		assertThat(stillFailing.path("remaining").asLong()).isEqualTo(2);
		assertThat(letters("journal").get(0).path("retries").asLong()).isEqualTo(1);
		assertThat(this.fixtures.version(poisonedId.value())).isZero();

		owner().execute("ALTER TABLE read.flips DROP CONSTRAINT it_poison_sale");
		JsonNode fixed = retry("journal");
		assertThat(fixed.path("attempted").asInt()).isEqualTo(1);
		assertThat(fixed.path("succeeded").asInt()).isEqualTo(1);
		assertThat(fixed.path("remaining").asLong()).isZero();
		assertThat(letters("journal")).isEmpty();
		assertThat(this.jdbc.queryForMap("SELECT sold_quantity, sales_count, version FROM read.flips WHERE flip_id = ?",
				poisonedId.value()))
			.containsEntry("sold_quantity", 9L)
			.containsEntry("sales_count", 2)
			.containsEntry("version", 2L);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(gauge("journal")).isZero());

		applied(poisoned.sale("s3", 1, 1_300_000, at("2025-06-04T00:00:00Z")));
		assertThat(letters("journal")).as("the flip's later events flow again").isEmpty();
	}

	@Test
	void anEvictedSequenceIsDroppedAndItsLaterEventsNoLongerQueueBehindIt() throws Exception {
		owner().execute("ALTER TABLE read.flips ADD CONSTRAINT it_poison_buy CHECK (quantity <> 4242)");
		FlipStream poisoned = this.fixtures.open(new UserId(UUID.randomUUID()), "main", LOBSTER, 4242, 150,
				at("2025-06-01T00:00:00Z"));
		await().atMost(TIMEOUT).until(() -> letters("journal").size() == 1);

		ResponseEntity<String> evicted = call(HttpMethod.DELETE, DEAD_LETTERS + "/journal/" + poisoned.id, admin());
		assertThat(evicted.getStatusCode().value()).isEqualTo(204);
		assertThat(letters("journal")).isEmpty();
		ResponseEntity<String> again = call(HttpMethod.DELETE, DEAD_LETTERS + "/journal/" + poisoned.id, admin());
		assertThat(again.getStatusCode().value()).isEqualTo(404);
		assertThat(this.json.readTree(again.getBody()).path("code").asText()).isEqualTo("NO_SUCH_DEAD_LETTER");

		owner().execute("ALTER TABLE read.flips DROP CONSTRAINT it_poison_buy");
		poisoned.sale("s1", 1, 200, at("2025-06-02T00:00:00Z"));
		applied(flipIn(segmentOf(poisoned.id), new UserId(UUID.randomUUID())));
		assertThat(letters("journal")).as("the sale of the evicted flip was handled, not parked").isEmpty();
		assertThat(this.fixtures.version(poisoned.uuid())).as("its open was never applied").isEqualTo(-1);
	}

	@Test
	void aReplayClearsTheProcessorsDeadLettersAndParksAgainWhatStillFails() throws Exception {
		owner().execute("ALTER TABLE read.flips ADD CONSTRAINT it_poison_buy CHECK (quantity <> 4242)");
		FlipStream poisoned = this.fixtures.open(new UserId(UUID.randomUUID()), "main", LOBSTER, 4242, 150,
				at("2025-06-01T00:00:00Z"));
		await().atMost(TIMEOUT).until(() -> lettersOf(poisoned).size() == 1);
		Instant parkedAt = Instant.parse(lettersOf(poisoned).get(0).path("enqueuedAt").asText());

		assertThat(this.replay.start()).isTrue();
		applied(flipIn(segmentOf(poisoned.id), new UserId(UUID.randomUUID())));

		List<JsonNode> again = lettersOf(poisoned);
		assertThat(again).as("parked once again, not once more behind its old letter").hasSize(1);
		assertThat(Instant.parse(again.get(0).path("enqueuedAt").asText())).isAfter(parkedAt);
	}

	@Test
	void onlyAdminsReachTheDeadLettersAndUnknownProcessorsAreProblems() throws Exception {
		assertThat(call(HttpMethod.GET, DEAD_LETTERS, null).getStatusCode().value()).isEqualTo(401);
		assertThat(call(HttpMethod.GET, DEAD_LETTERS, token("USER")).getStatusCode().value()).isEqualTo(403);
		assertThat(call(HttpMethod.POST, DEAD_LETTERS + "/journal/retries", token("USER")).getStatusCode().value())
			.isEqualTo(403);
		assertThat(call(HttpMethod.DELETE, DEAD_LETTERS + "/journal/x", token("AUDITOR")).getStatusCode().value())
			.isEqualTo(403);

		ResponseEntity<String> unknown = call(HttpMethod.GET, DEAD_LETTERS + "?processor=nope", admin());
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(this.json.readTree(unknown.getBody()).path("code").asText()).isEqualTo("UNKNOWN_PROCESSOR");
		ResponseEntity<String> tooMany = call(HttpMethod.GET, DEAD_LETTERS + "?limit=100000", admin());
		assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
		assertThat(this.json.readTree(tooMany.getBody()).path("code").asText()).isNotBlank();

		JsonNode all = this.json.readTree(call(HttpMethod.GET, DEAD_LETTERS, admin()).getBody());
		List<String> processors = this.json.convertValue(all.path("processors"),
				this.json.getTypeFactory().constructCollectionType(List.class, String.class));
		assertThat(processors).containsExactly("items", "journal", "price-history", "rollups", "subscriptions", "users",
				"watchlist");
		for (String processor : processors) {
			assertThat(gauge(processor)).as(processor).isNotNull();
		}
	}

	private void applied(FlipStream flip) {
		await().atMost(TIMEOUT).until(() -> this.fixtures.version(flip.uuid()) >= flip.sequence);
	}

	/** A new flip of the given user whose events land in the same segment. */
	private FlipStream flipIn(Segment segment, UserId user) {
		FlipId id;
		do {
			id = new FlipId(UUID.randomUUID());
		}
		while (!segment.matches(id.toString()));
		FlipStream flip = this.fixtures.new FlipStream(id, user);
		return flip.append(new FlipOpenedEvent(id, user, "main", LOBSTER, 10, 150, at("2025-06-01T00:00:00Z")));
	}

	/** The journal's segment (of its two) that handles this flip. */
	private static Segment segmentOf(FlipId id) {
		for (Segment segment : Segment.ROOT_SEGMENT.split()) {
			if (segment.matches(id.toString())) {
				return segment;
			}
		}
		throw new IllegalStateException("no segment matches " + id);
	}

	private JsonNode letters(String processor) throws Exception {
		ResponseEntity<String> answer = call(HttpMethod.GET, DEAD_LETTERS + "?processor=" + processor, admin());
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
		return this.json.readTree(answer.getBody()).path("items");
	}

	private List<JsonNode> lettersOf(FlipStream flip) throws Exception {
		List<JsonNode> letters = new ArrayList<>();
		letters("journal").forEach((letter) -> {
			if (letter.path("sequenceId").asText().equals(flip.id.toString())) {
				letters.add(letter);
			}
		});
		return letters;
	}

	private JsonNode retry(String processor) throws Exception {
		ResponseEntity<String> answer = call(HttpMethod.POST, DEAD_LETTERS + "/" + processor + "/retries", admin());
		assertThat(answer.getStatusCode().value()).isEqualTo(200);
		return this.json.readTree(answer.getBody());
	}

	private Double gauge(String processor) {
		return this.meters.get("ge.deadletters").tag("processor", processor).gauge().value();
	}

	private ResponseEntity<String> call(HttpMethod method, String path, String bearer) {
		HttpHeaders headers = new HttpHeaders();
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(path, method, new HttpEntity<>(headers), String.class);
	}

	private static String admin() throws Exception {
		return token("ADMIN");
	}

	private static String token(String role) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("ge-metrics")
			.audience(List.of("ge-metrics-api"))
			.subject(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString())
			.claim("auth_time", now.getEpochSecond())
			.claim("roles", List.of(role))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
