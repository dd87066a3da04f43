package com.gemetrics.query.auditstate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionActivatedEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationScheduledEvent;
import com.gemetrics.api.subscription.SubscriptionCheckoutStartedEvent;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.TestTokens;
import com.gemetrics.query.auditstate.UserHistory.Flip;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditors' rebuilt user state end to end, on the real PostgreSQL and Redis: a user
 * driven through flips (open, sales, corrections, a write-off, a delete, and one stored
 * at an old event revision that an upcaster brings up to date), watchlist changes and a
 * subscription, next to another user. At "now" the rebuilt state equals, field by field,
 * what the user's own endpoints answer once the projections have caught up; at an instant
 * between two changes it shows the earlier state; the other user never appears; only
 * auditors and admins may ask.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.price-history.backfill.enabled=false" })
@ContextConfiguration(initializers = RealInfrastructure.class)
@Import(UserStateApiIT.Upcasters.class)
class UserStateApiIT {

	static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(60);

	static final int WHIP = 4151;

	static final int LOBSTER = 379;

	@RegisterExtension
	static WireMockExtension commandSide = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static final TestTokens tokens = new TestTokens();

	@Autowired
	TestRestTemplate http;

	@Autowired
	EventStore events;

	@Autowired
	EventGateway eventGateway;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	@Qualifier("eventSerializer")
	Serializer serializer;

	private final ObjectMapper json = new ObjectMapper();

	@DynamicPropertySource
	static void jwksUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.auth.jwks-url", () -> TestTokens.jwksUrl(commandSide.baseUrl()));
	}

	@BeforeEach
	void setUp() {
		tokens.serve(commandSide);
	}

	@Test
	void rebuildsTheStateAtAnyInstantAndAtNowEqualsTheUsersOwnEndpoints() throws Exception {
		catalogue();
		Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
		UserHistory user = new UserHistory(start, this.events::publish).registered();
		UserHistory stranger = new UserHistory(start, this.events::publish).registered();
		Flip theirs = stranger.open("main", WHIP, 1, 100, at("2025-06-01T00:00:00Z"))
			.sale("s", 1, 200, at("2025-06-02T00:00:00Z"));
		stranger.watchlist(new ItemWatchedEvent(stranger.watchlist, stranger.user, LOBSTER,
				List.of(new AlertRule(UUID.randomUUID().toString(), AlertType.PRICE_AT_OR_BELOW, 100, true)), start));

		AlertRule above = new AlertRule(UUID.randomUUID().toString(), AlertType.PRICE_AT_OR_ABOVE, 1_800_000, true);
		AlertRule margin = new AlertRule(UUID.randomUUID().toString(), AlertType.MARGIN_AT_OR_ABOVE, 50_000, true);
		AlertRule below = new AlertRule(UUID.randomUUID().toString(), AlertType.PRICE_AT_OR_BELOW, 140, true);
		Instant beforeRegistration = start.minusSeconds(1);
		Flip whip = user.open("main", WHIP, 10, 1_700_000, at("2025-06-05T00:00:00Z"));
		user.watchlist(new ItemWatchedEvent(user.watchlist, user.user, WHIP, List.of(above, margin), start));
		user.subscription(new SubscriptionCheckoutStartedEvent(user.subscription, user.user, Plan.PREMIUM_MONTHLY,
				"price_m", "cus_1", "cs_1", start));
		Flip lobster = user.open("alt", LOBSTER, 100, 150, at("2025-06-06T00:00:00Z"));
		Flip mistake = user.open("main", WHIP, 1, 100, at("2025-06-07T00:00:00Z"));
		Flip old = openAtAnOldRevision(user, WHIP, 3, 1_650_000, at("2025-06-08T00:00:00Z"));

		Instant beforeFirstSale = user.next().minusMillis(1);
		whip.sale("s1", 4, 1_800_000, at("2025-06-10T00:00:00Z"));
		Instant periodEnd = start.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
		user.subscription(new SubscriptionActivatedEvent(user.subscription, user.user, Plan.PREMIUM_MONTHLY, "sub_1",
				"cus_1", "price_m", SubscriptionStatus.ACTIVE, periodEnd, false, start));
		user.watchlist(new ItemWatchedEvent(user.watchlist, user.user, LOBSTER, List.of(below), start));
		user.watchlist(new AlertRulePausedEvent(user.watchlist, user.user, WHIP, above.ruleId(), start));
		user.watchlist(new AlertTriggeredEvent(user.watchlist, user.user, "alert-1", margin.ruleId(), WHIP,
				AlertType.MARGIN_AT_OR_ABOVE, 50_000, 61_000, start, start.plusSeconds(1)));
		user.watchlist(new AlertDeliveredEvent(user.watchlist, user.user, "alert-1", DeliveryChannel.EMAIL, 1, start));
		whip.sale("s2", 2, 1_750_000, at("2025-06-11T00:00:00Z"));
		old.sale("s1", 3, 1_700_000, at("2025-06-12T00:00:00Z"));

		Instant beforeCorrections = user.next().minusMillis(1);
		whip.correctSale("s2", 3, 1_760_000, at("2025-06-11T00:00:00Z"));
		whip.correctBuy(10, 1_690_000, at("2025-06-05T00:00:00Z"));
		lobster.writeOff(100, at("2025-06-12T00:00:00Z"));
		mistake.delete(at("2025-06-13T00:00:00Z"));
		user.watchlist(new ItemUnwatchedEvent(user.watchlist, user.user, LOBSTER, start));
		user.subscription(
				new SubscriptionCancellationScheduledEvent(user.subscription, user.user, "sub_1", periodEnd, start));

		awaitProjections(user, whip, lobster, mistake, old, theirs);
		String userToken = tokens.bearer(user.user.toString(), "USER");
		String auditor = tokens.bearer(UUID.randomUUID().toString(), "USER", "AUDITOR");

		// now: field by field what the user's own endpoints answer
		JsonNode now = state(user, null, auditor);
		assertThat(ids(now)).containsExactlyInAnyOrder(whip.id(), lobster.id(), old.id());
		JsonNode page = body(get("/api/v1/flips", userToken));
		assertThat(page.path("items")).hasSize(3);
		for (int i = 0; i < 3; i++) {
			JsonNode rebuilt = now.path("flips").get(i);
			JsonNode summary = ((ObjectNode) rebuilt.deepCopy()).without("sales");
			assertThat(summary).isEqualTo(page.path("items").get(i));
			assertThat(rebuilt).isEqualTo(body(get("/api/v1/flips/" + rebuilt.path("id").asText(), userToken)));
		}
		JsonNode watchlist = body(get("/api/v1/watchlist", userToken));
		assertThat(now.path("watchlist").path("recentAlerts")).isEqualTo(watchlist.path("recentAlerts"));
		assertThat(now.path("watchlist").path("items")).isEqualTo(withoutMarketFigures(watchlist.path("items")));
		assertThat(now.path("subscription")).isEqualTo(body(get("/api/v1/me/subscription", userToken)));
		JsonNode rebuiltWhip = flip(now, whip);
		assertThat(rebuiltWhip.path("itemName").asText()).isEqualTo("Abyssal whip");
		assertThat(rebuiltWhip.path("buyPrice").asLong()).isEqualTo(1_690_000);
		assertThat(flip(now, old).path("buyPrice").asLong()).isEqualTo(1_650_000);
		assertThat(flip(now, lobster).path("status").asText()).isEqualTo("closed");
		assertThat(now.path("watchlist").path("items")).hasSize(1);
		assertThat(now.path("watchlist").path("items").get(0).path("rules").findValuesAsText("isActive"))
			.containsExactlyInAnyOrder("false", "true");
		assertThat(now.path("subscription").path("cancelAtPeriodEnd").asBoolean()).isTrue();
		assertThat(now.path("events").asLong()).isEqualTo(20);
		assertThat(now.toString()).doesNotContain(theirs.id(), stranger.user.toString());

		// before the first sale: no sale, no profit, the later-deleted flip still there
		JsonNode early = state(user, beforeFirstSale, auditor);
		assertThat(ids(early)).containsExactlyInAnyOrder(whip.id(), lobster.id(), mistake.id(), old.id());
		JsonNode unsold = flip(early, whip);
		assertThat(unsold.path("sales")).isEmpty();
		assertThat(unsold.path("soldQuantity").asLong()).isZero();
		assertThat(unsold.path("profit").asLong()).isZero();
		assertThat(unsold.path("status").asText()).isEqualTo("open");
		assertThat(early.path("subscription").path("status").asText()).isEqualTo("none");
		assertThat(early.path("subscription").path("entitlements").path("premium").asBoolean()).isFalse();
		assertThat(early.path("watchlist").path("items").get(0).path("rules").findValuesAsText("isActive"))
			.containsOnly("true");
		assertThat(early.path("watchlist").path("recentAlerts")).isEmpty();

		// before the corrections: the sales as first recorded, against the first buy
		// price
		JsonNode middle = state(user, beforeCorrections, auditor);
		JsonNode sold = flip(middle, whip);
		assertThat(sold.path("sales").findValuesAsText("profit")).containsExactly("256000", "30000");
		assertThat(sold.path("profit").asLong()).isEqualTo(4 * 64_000 + 2 * 15_000);
		assertThat(flip(middle, lobster).path("status").asText()).isEqualTo("open");
		assertThat(ids(middle)).contains(mistake.id());
		assertThat(middle.path("watchlist").path("items").findValuesAsText("itemId"))
			.containsExactly(String.valueOf(LOBSTER), String.valueOf(WHIP));
		assertThat(middle.path("watchlist").path("recentAlerts")).hasSize(1);
		assertThat(middle.path("subscription").path("status").asText()).isEqualTo("active");
		assertThat(middle.path("subscription").path("cancelAtPeriodEnd").asBoolean()).isFalse();
		assertThat(middle.path("subscription").path("entitlements").path("premium").asBoolean()).isTrue();

		// before the account existed: an empty state
		JsonNode none = state(user, beforeRegistration, auditor);
		assertThat(none.path("flips")).isEmpty();
		assertThat(none.path("events").asLong()).isZero();
		assertThat(none.path("lastGlobalIndex").isNull()).isTrue();
		assertThat(none.path("subscription").path("status").asText()).isEqualTo("none");

		// the stranger's own state holds only theirs
		JsonNode strangers = state(stranger, null, tokens.bearer(UUID.randomUUID().toString(), "ADMIN"));
		assertThat(ids(strangers)).containsExactly(theirs.id());
		assertThat(strangers.toString()).doesNotContain(whip.id());
	}

	@Test
	void onlyAuditorsAndAdminsMayAskAndAnUnknownUserIsNotFound() throws Exception {
		UserHistory user = new UserHistory(Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS),
				this.events::publish)
			.registered();
		String path = "/api/v1/audit/users/" + user.user + "/state";

		ResponseEntity<String> plain = get(path, tokens.bearer(user.user.toString(), "USER"));
		assertThat(plain.getStatusCode().value()).isEqualTo(403);
		assertThat(body(plain).path("code").asText()).isEqualTo("FORBIDDEN");
		assertThat(get(path, null).getStatusCode().value()).isEqualTo(401);
		assertThat(get(path, tokens.bearer(UUID.randomUUID().toString(), "AUDITOR")).getStatusCode().value())
			.isEqualTo(200);

		ResponseEntity<String> unknown = get("/api/v1/audit/users/" + UUID.randomUUID() + "/state",
				tokens.bearer(UUID.randomUUID().toString(), "AUDITOR"));
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(body(unknown).path("code").asText()).isEqualTo("USER_NOT_FOUND");
		ResponseEntity<String> future = get(path + "?asOf=" + Instant.now().plus(Duration.ofHours(1)),
				tokens.bearer(UUID.randomUUID().toString(), "AUDITOR"));
		assertThat(future.getStatusCode().value()).isEqualTo(400);
		assertThat(body(future).path("code").asText()).isEqualTo("INVALID_TIME");
	}

	@Test
	void findsTheUsersEventsThroughIndexes() {
		String user = UUID.randomUUID().toString();
		List<String> plan = this.transactions.execute((status) -> {
			this.jdbc.execute("SET LOCAL enable_seqscan = off");
			return this.jdbc.queryForList("EXPLAIN " + UserEventStore.USER_EVENTS, String.class, "watchlist-" + user,
					user, OffsetDateTime.now(ZoneOffset.UTC));
		});

		assertThat(String.join("\n", plan)).contains("domain_event_entry_user_idx",
				"domain_event_entry_aggregate_identifier_sequence_number_key");
	}

	/**
	 * A flip opened by an event stored at revision 0, whose price field was still called
	 * {@code price}: {@link Upcasters} brings it to revision 1, for the journal and the
	 * rebuilt state alike.
	 */
	private Flip openAtAnOldRevision(UserHistory user, int itemId, long quantity, long price, Instant boughtAt)
			throws Exception {
		Flip flip = user.new Flip(new FlipId(UUID.randomUUID()));
		FlipOpenedEvent event = new FlipOpenedEvent(flip.id, user.user, "main", itemId, quantity, price, boughtAt);
		SerializedObject<byte[]> current = this.serializer.serialize(event, byte[].class);
		ObjectNode payload = (ObjectNode) this.json.readTree(current.getData());
		payload.set("price", payload.remove("pricePerItem"));
		this.jdbc.update("""
				INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, payload,
				  payload_revision, payload_type, time_stamp, meta_data)
				VALUES (?, 0, 'Flip', ?, ?, '0', ?, ?, ?)
				""", flip.id(), UUID.randomUUID().toString(), this.json.writeValueAsBytes(payload),
				FlipOpenedEvent.class.getName(), DateTimeUtils.formatInstant(user.tick()),
				this.serializer.serialize(MetaData.emptyInstance(), byte[].class).getData());
		user.skip(flip.id());
		return flip;
	}

	private void catalogue() {
		this.eventGateway.publish(new ItemCatalogSyncedEvent(Instant.now(), List.of(
				new CatalogItem(WHIP, "Abyssal whip", "A weapon from the abyss.", true, 70, 48000, 72000, 120001,
						"Abyssal whip.png"),
				new CatalogItem(LOBSTER, "Lobster", "A lobster.", false, 13000, null, null, 1, "Lobster.png"))));
	}

	private void awaitProjections(UserHistory user, Flip... flips) {
		await().atMost(PROJECTION_TIMEOUT).until(() -> {
			for (Flip flip : flips) {
				Long version = this.jdbc.queryForObject("""
						SELECT max(version) FROM (SELECT version FROM read.flips WHERE flip_id = ?
						UNION ALL SELECT version FROM read.flip_tombstones WHERE flip_id = ?) v
						""", Long.class, flip.id.value(), flip.id.value());
				if (version == null || version < sequenceOf(flip)) {
					return false;
				}
			}
			List<Long> watchlist = this.jdbc.queryForList("SELECT version FROM read.watchlists WHERE user_id = ?",
					Long.class, user.user.value());
			List<Long> subscription = this.jdbc.queryForList(
					"SELECT last_sequence FROM read.subscriptions WHERE user_id = ?", Long.class, user.user.value());
			Integer names = this.jdbc.queryForObject(
					"SELECT count(*) FROM read.item_summary WHERE item_id IN (?, ?) AND name IS NOT NULL",
					Integer.class, WHIP, LOBSTER);
			return !watchlist.isEmpty() && watchlist.get(0) >= user.sequence(user.watchlist.toString())
					&& !subscription.isEmpty() && subscription.get(0) >= user.sequence(user.subscription.toString())
					&& names == 2;
		});
	}

	private long sequenceOf(Flip flip) {
		return flip.lastSequence();
	}

	private JsonNode state(UserHistory user, Instant asOf, String bearer) throws Exception {
		String query = (asOf != null) ? "?asOf=" + asOf : "";
		ResponseEntity<String> response = get("/api/v1/audit/users/" + user.user + "/state" + query, bearer);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		return body(response);
	}

	private static List<String> ids(JsonNode state) {
		List<String> ids = new ArrayList<>();
		state.path("flips").forEach((flip) -> ids.add(flip.path("id").asText()));
		return ids;
	}

	private static JsonNode flip(JsonNode state, Flip flip) {
		for (JsonNode each : state.path("flips")) {
			if (each.path("id").asText().equals(flip.id())) {
				return each;
			}
		}
		throw new AssertionError("no flip " + flip.id() + " in " + state);
	}

	/**
	 * The watchlist's items without today's market figures, which the state leaves out.
	 */
	private static JsonNode withoutMarketFigures(JsonNode items) {
		JsonNode copy = items.deepCopy();
		copy.forEach((item) -> ((ObjectNode) item).remove(List.of("name", "high", "low", "margin")));
		return copy;
	}

	private JsonNode body(ResponseEntity<String> response) throws Exception {
		return this.json.readTree(response.getBody());
	}

	private ResponseEntity<String> get(String path, String bearer) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

	/**
	 * Brings revision 0 of {@code FlipOpenedEvent} ({@code price}) to 1
	 * ({@code pricePerItem}).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Upcasters {

		@Bean
		SingleEventUpcaster flipOpenedRevision0Upcaster() {
			return new SingleEventUpcaster() {

				private final SimpleSerializedType revision0 = new SimpleSerializedType(FlipOpenedEvent.class.getName(),
						"0");

				@Override
				protected boolean canUpcast(IntermediateEventRepresentation representation) {
					return this.revision0.equals(representation.getType());
				}

				@Override
				protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
					return representation.upcastPayload(new SimpleSerializedType(FlipOpenedEvent.class.getName(), "1"),
							JsonNode.class, (payload) -> {
								ObjectNode node = (ObjectNode) payload;
								node.set("pricePerItem", node.remove("price"));
								return node;
							});
				}

			};
		}

	}

}
