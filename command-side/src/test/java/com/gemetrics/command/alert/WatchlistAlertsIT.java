package com.gemetrics.command.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.TestEntitlements;
import com.gemetrics.command.axon.EventMetadata;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watchlists and alerts end to end, over real HTTP with real access tokens, against the
 * real PostgreSQL and Redis, with mail through GreenMail: a price event that crosses a
 * rule's threshold mails its verified owner exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=100ms", "ge.alerts.poll-interval=100ms" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class WatchlistAlertsIT {

	static final int WHIP = 4151;

	static final int BONES = 536;

	static final String PASSWORD = "correct horse battery staple";

	static final String PRICES_EVENT = "com.gemetrics.api.price.LatestPricesObservedEvent";

	private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	EventGateway events;

	@Autowired
	TestEntitlements entitlements;

	@BeforeEach
	void catalogue() {
		this.jdbc.update("""
				INSERT INTO market.catalog_item (item_id, name, members, synced_at)
				VALUES (?, 'Abyssal whip', true, now()), (?, 'Dragon bones', true, now())
				ON CONFLICT (item_id) DO NOTHING
				""", WHIP, BONES);
	}

	@Test
	void aCrossingMailsTheOwnerOnceAndASecondIdenticalObservationSendsNothing() throws Exception {
		User user = verifiedUser();
		ResponseEntity<JsonNode> first = send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + WHIP,
				Map.of("alerts", List.of(Map.of("type", "PRICE_AT_OR_ABOVE", "value", 1_000_000))));
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getHeaders().getFirst(ConsistencyToken.HEADER))
			.isEqualTo("watchlist.watchlist-" + user.id() + ".0")
			.isEqualTo(first.getBody().get("consistencyToken").textValue());
		ResponseEntity<JsonNode> replaced = send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + WHIP,
				Map.of("alerts", List.of(Map.of("type", "price_at_or_above", "value", 1_100_000))));
		assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(replaced.getHeaders().getFirst(ConsistencyToken.HEADER))
			.isEqualTo("watchlist.watchlist-" + user.id() + ".1");
		JsonNode rule = replaced.getBody().get("rules").get(0);
		assertThat(rule.get("type").textValue()).isEqualTo("PRICE_AT_OR_ABOVE");
		assertThat(rule.get("value").longValue()).isEqualTo(1_100_000);
		assertThat(rule.get("active").booleanValue()).isTrue();
		assertThat(rule.get("ruleId").textValue()).isNotEqualTo(first.getBody().get("rules").get(0).get("ruleId"));
		awaitRuleKnownToThePolicy(rule.get("ruleId").textValue());

		Instant observedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		this.events.publish(prices(observedAt, 1_200_000L));

		await().until(() -> alertMailsTo(user.email()).size() == 1);
		await().until(() -> eventTypes(user).contains("AlertDeliveredEvent"));
		assertTheChainIsRecordedInTheMetadata(user);
		MimeMessage alert = alertMailsTo(user.email()).get(0);
		assertThat(alert.getSubject()).contains("Abyssal whip").contains("1,100,000");
		assertThat(alert.getContent().toString()).contains("Abyssal whip")
			.contains("1,200,000")
			.contains(observedAt.toString());

		this.events.publish(prices(observedAt.plusSeconds(60), 1_200_000L));
		long second = lastPriceEventIndex();
		await().until(() -> policyHasPassed(second));

		assertThat(eventTypes(user)).containsExactly("ItemWatchedEvent", "ItemWatchedEvent", "AlertTriggeredEvent",
				"AlertDeliveredEvent");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM alerts.delivery", Long.class)).isEqualTo(1);
		assertThat(alertMailsTo(user.email())).hasSize(1);
	}

	@Test
	void aWebhookThatNowResolvesToLoopbackIsDeadLetteredWhileTheMailGoesOut() {
		User user = verifiedUser();
		this.entitlements.grant(user.id(), Entitlements.PREMIUM);
		// as if the host had resolved publicly when set, and rebinds to loopback by send
		// time
		this.jdbc.update("INSERT INTO alerts.webhook (user_id, url, updated_at) VALUES (?::uuid, ?, now())", user.id(),
				"https://127.0.0.1:9/hook?secret=s3cr3t");
		String ruleId = send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + BONES,
				Map.of("alerts", List.of(Map.of("type", "PRICE_AT_OR_BELOW", "value", 5_000))))
			.getBody()
			.get("rules")
			.get(0)
			.get("ruleId")
			.textValue();
		awaitRuleKnownToThePolicy(ruleId);

		this.events.publish(prices(Instant.now().truncatedTo(ChronoUnit.SECONDS), 1_500_000L));

		await().until(() -> eventTypes(user).containsAll(List.of("AlertDeliveredEvent", "AlertDeliveryFailedEvent")));
		assertThat(alertMailsTo(user.email())).hasSize(1);
		assertThat(this.jdbc
			.queryForMap("SELECT channel, attempts, reason FROM alerts.dead_letter WHERE user_id = ?::uuid", user.id()))
			.containsEntry("channel", "WEBHOOK")
			.containsEntry("attempts", 1)
			.containsEntry("reason", "WEBHOOK_ADDRESS_REJECTED");
		assertThat(this.jdbc.queryForList("SELECT payload::text FROM event_log WHERE aggregate_identifier = ?",
				String.class, "watchlist-" + user.id()))
			.noneMatch((payload) -> payload.contains("s3cr3t") || payload.contains(user.email()));
	}

	@Test
	void onlyPremiumSubscribersSetAWebhookAndAnyoneRemovesTheirs() {
		User free = verifiedUser();
		User premium = verifiedUser();
		this.entitlements.grant(premium.id(), Entitlements.PREMIUM);

		ResponseEntity<JsonNode> refused = send(free, HttpMethod.PUT, "/api/v1/watchlist/webhook",
				Map.of("url", "https://93.184.215.14/hook"));
		ResponseEntity<JsonNode> set = send(premium, HttpMethod.PUT, "/api/v1/watchlist/webhook",
				Map.of("url", "https://93.184.215.14/hook"));

		assertCode(refused, HttpStatus.FORBIDDEN, "PREMIUM_REQUIRED");
		assertThat(set.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(
				this.jdbc.queryForList("SELECT user_id::text FROM alerts.webhook WHERE user_id IN (?::uuid, ?::uuid)",
						String.class, free.id(), premium.id()))
			.containsExactly(premium.id());
		assertThat(send(free, HttpMethod.DELETE, "/api/v1/watchlist/webhook", null).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
	}

	@Test
	void aFreeUsersWebhookIsSkippedWhileTheMailGoesOut() {
		User user = verifiedUser();
		// set while premium, which has ended since
		this.jdbc.update("INSERT INTO alerts.webhook (user_id, url, updated_at) VALUES (?::uuid, ?, now())", user.id(),
				"https://127.0.0.1:9/hook");
		String ruleId = ruleOn(user, BONES);
		awaitRuleKnownToThePolicy(ruleId);

		this.events.publish(prices(Instant.now().truncatedTo(ChronoUnit.SECONDS), 1_500_000L));

		await().until(() -> eventTypes(user).contains("AlertDeliveredEvent"));
		assertThat(alertMailsTo(user.email())).hasSize(1);
		assertThat(this.jdbc.queryForList("SELECT channel FROM alerts.delivery WHERE user_id = ?::uuid", String.class,
				user.id()))
			.containsExactly("EMAIL");
		assertThat(eventTypes(user)).doesNotContain("AlertDeliveryFailedEvent");
	}

	@Test
	void aWebhookDeliveryQueuedWhilePremiumIsGivenUpWhenPremiumHasEndedBySendTime() {
		User user = verifiedUser();
		this.jdbc.update("INSERT INTO alerts.webhook (user_id, url, updated_at) VALUES (?::uuid, ?, now())", user.id(),
				"https://127.0.0.1:9/hook");
		String ruleId = ruleOn(user, BONES);
		awaitRuleKnownToThePolicy(ruleId);
		// premium when the alert is queued, free from the next look on (the send)
		this.entitlements.answerNext(user.id(), List.of(Entitlements.PREMIUM));

		this.events.publish(prices(Instant.now().truncatedTo(ChronoUnit.SECONDS), 1_500_000L));

		await().until(() -> eventTypes(user).containsAll(List.of("AlertDeliveredEvent", "AlertDeliveryFailedEvent")));
		assertThat(alertMailsTo(user.email())).hasSize(1);
		assertThat(this.jdbc
			.queryForMap("SELECT channel, attempts, reason FROM alerts.dead_letter WHERE user_id = ?::uuid", user.id()))
			.containsEntry("channel", "WEBHOOK")
			.containsEntry("attempts", 1)
			.containsEntry("reason", "PREMIUM_REQUIRED");
	}

	private String ruleOn(User user, int itemId) {
		return send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + itemId,
				Map.of("alerts", List.of(Map.of("type", "PRICE_AT_OR_BELOW", "value", 5_000))))
			.getBody()
			.get("rules")
			.get(0)
			.get("ruleId")
			.textValue();
	}

	@Test
	void rulesArePausedResumedAndUnwatchedOnlyByTheirOwner() {
		User owner = verifiedUser();
		User stranger = verifiedUser();
		String ruleId = send(owner, HttpMethod.PUT, "/api/v1/watchlist/items/" + WHIP,
				Map.of("alerts", List.of(Map.of("type", "PRICE_AT_OR_BELOW", "value", 900_000))))
			.getBody()
			.get("rules")
			.get(0)
			.get("ruleId")
			.textValue();
		send(stranger, HttpMethod.PUT, "/api/v1/watchlist/items/" + BONES, Map.of("alerts", List.of()));

		ResponseEntity<JsonNode> theirs = send(stranger, HttpMethod.POST,
				"/api/v1/watchlist/rules/" + ruleId + "/pause", null);
		ResponseEntity<JsonNode> unknown = send(stranger, HttpMethod.POST,
				"/api/v1/watchlist/rules/" + UUID.randomUUID() + "/pause", null);
		ResponseEntity<JsonNode> noWatchlist = send(verifiedUser(), HttpMethod.POST,
				"/api/v1/watchlist/rules/" + ruleId + "/resume", null);

		assertThat(theirs.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(theirs.getBody().get("code").textValue()).isEqualTo("RULE_NOT_FOUND");
		assertThat(unknown.getBody().get("code")).isEqualTo(theirs.getBody().get("code"));
		assertThat(noWatchlist.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(noWatchlist.getBody().get("code").textValue()).isEqualTo("RULE_NOT_FOUND");

		ResponseEntity<JsonNode> paused = send(owner, HttpMethod.POST, "/api/v1/watchlist/rules/" + ruleId + "/pause",
				null);
		ResponseEntity<JsonNode> pausedAgain = send(owner, HttpMethod.POST,
				"/api/v1/watchlist/rules/" + ruleId + "/pause", null);
		ResponseEntity<JsonNode> resumed = send(owner, HttpMethod.POST, "/api/v1/watchlist/rules/" + ruleId + "/resume",
				null);
		assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(paused.getBody().get("active").booleanValue()).isFalse();
		assertThat(paused.getHeaders().getFirst(ConsistencyToken.HEADER)).endsWith(".1");
		assertThat(pausedAgain.getHeaders().getFirst(ConsistencyToken.HEADER))
			.isEqualTo(paused.getHeaders().getFirst(ConsistencyToken.HEADER));
		assertThat(resumed.getHeaders().getFirst(ConsistencyToken.HEADER)).endsWith(".2");

		ResponseEntity<JsonNode> notWatched = send(owner, HttpMethod.DELETE, "/api/v1/watchlist/items/" + BONES, null);
		ResponseEntity<JsonNode> unwatched = send(owner, HttpMethod.DELETE, "/api/v1/watchlist/items/" + WHIP, null);
		assertThat(notWatched.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(notWatched.getBody().get("code").textValue()).isEqualTo("ITEM_NOT_WATCHED");
		assertThat(unwatched.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(unwatched.getHeaders().getFirst(ConsistencyToken.HEADER)).endsWith(".3");
		assertThat(eventTypes(owner)).containsExactly("ItemWatchedEvent", "AlertRulePausedEvent",
				"AlertRuleResumedEvent", "ItemUnwatchedEvent");
		assertThat(eventTypes(stranger)).containsExactly("ItemWatchedEvent");
	}

	@Test
	void refusesBrokenRulesAndTheFreeRuleLimitStoringNothing() {
		User user = verifiedUser();
		assertThat(send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + WHIP,
				Map.of("alerts",
						List.of(Map.of("type", "PRICE_AT_OR_ABOVE", "value", 1),
								Map.of("type", "MARGIN_AT_OR_ABOVE", "value", 10_000, "active", false))))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		ResponseEntity<JsonNode> overLimit = send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + BONES,
				Map.of("alerts", List.of(Map.of("type", "PRICE_AT_OR_ABOVE", "value", 1),
						Map.of("type", "PRICE_AT_OR_BELOW", "value", 2))));
		ResponseEntity<JsonNode> unknownItem = send(user, HttpMethod.PUT, "/api/v1/watchlist/items/999999999",
				Map.of("alerts", List.of()));
		ResponseEntity<JsonNode> badType = send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + BONES,
				Map.of("alerts", List.of(Map.of("type", "VOLUME_ABOVE", "value", 1))));
		ResponseEntity<JsonNode> freePrice = send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + BONES,
				Map.of("alerts", List.of(Map.of("type", "PRICE_AT_OR_BELOW", "value", 0))));
		ResponseEntity<JsonNode> noMargin = send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + BONES,
				Map.of("alerts", List.of(Map.of("type", "MARGIN_AT_OR_ABOVE", "value", -5))));
		ResponseEntity<JsonNode> noBody = send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + BONES, Map.of());

		assertCode(overLimit, HttpStatus.UNPROCESSABLE_ENTITY, "RULE_LIMIT_REACHED");
		assertCode(unknownItem, HttpStatus.UNPROCESSABLE_ENTITY, "UNKNOWN_ITEM");
		assertCode(badType, HttpStatus.BAD_REQUEST, "INVALID_ALERT_TYPE");
		assertCode(freePrice, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertCode(noMargin, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
		assertThat(noBody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(eventTypes(user)).containsExactly("ItemWatchedEvent");
		assertThat(send(user, HttpMethod.PUT, "/api/v1/watchlist/items/" + BONES,
				Map.of("alerts", List.of(Map.of("type", "PRICE_AT_OR_ABOVE", "value", 1))))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void refusesWebhooksToNonPublicOrPlainHttpTargets() {
		User user = verifiedUser();
		this.entitlements.grant(user.id(), Entitlements.PREMIUM);

		for (String url : List.of("https://127.0.0.1/hook", "https://localhost/hook", "https://10.0.0.8/hook",
				"https://192.168.1.10/hook", "https://169.254.169.254/latest/meta-data/", "https://[::1]/hook",
				"https://[fd00::1]/hook", "https://0.0.0.0/hook", "http://93.184.215.14/hook",
				"https://user:secret@93.184.215.14/hook")) {
			ResponseEntity<JsonNode> refused = send(user, HttpMethod.PUT, "/api/v1/watchlist/webhook",
					Map.of("url", url));
			assertCode(refused, HttpStatus.UNPROCESSABLE_ENTITY, "WEBHOOK_URL_REJECTED");
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM alerts.webhook WHERE user_id = ?::uuid", Long.class,
				user.id()))
			.isZero();
		assertThat(send(user, HttpMethod.DELETE, "/api/v1/watchlist/webhook", null).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(send(null, HttpMethod.PUT, "/api/v1/watchlist/webhook", Map.of("url", "https://example.com/"))
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private static LatestPricesObservedEvent prices(Instant observedAt, long high) {
		return new LatestPricesObservedEvent(observedAt,
				List.of(new PriceQuote(WHIP, high, observedAt, high - 50_000, observedAt),
						new PriceQuote(BONES, 2_000L, observedAt, 1_900L, observedAt)));
	}

	private void awaitRuleKnownToThePolicy(String ruleId) {
		await().until(() -> this.jdbc.queryForObject("SELECT count(*) FROM alerts.rule_state WHERE rule_id = ?",
				Long.class, ruleId) == 1);
	}

	private long lastPriceEventIndex() {
		Long index = this.jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE payload_type = ?",
				Long.class, PRICES_EVENT);
		return (index != null) ? index : -1;
	}

	/** Whether the alert-policy processor's token is past the event at {@code index}. */
	private boolean policyHasPassed(long index) throws JsonProcessingException {
		List<String> tokens = this.jdbc.queryForList(
				"SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = 'alert-policy'",
				String.class);
		if (tokens.size() != 1 || tokens.get(0) == null) {
			return false;
		}
		JsonNode token = this.json.readTree(tokens.get(0));
		if (token.path("index").asLong(-1) < index) {
			return false;
		}
		for (JsonNode gap : token.path("gaps")) {
			if (gap.asLong() == index) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The user's own command is theirs; the alert the policy processor triggered on the
	 * price event is the processor's, in the price event's chain; its delivery is the
	 * delivery job's.
	 */
	private void assertTheChainIsRecordedInTheMetadata(User user) throws Exception {
		String priceEvent = this.jdbc.queryForObject(
				"SELECT event_identifier FROM domain_event_entry WHERE payload_type = ? ORDER BY global_index DESC LIMIT 1",
				String.class, LatestPricesObservedEvent.class.getName());
		JsonNode watched = metaData(user, "ItemWatchedEvent");
		JsonNode triggered = metaData(user, "AlertTriggeredEvent");
		JsonNode delivered = metaData(user, "AlertDeliveredEvent");
		assertThat(watched.path(EventMetadata.ACTOR).asText()).isEqualTo(user.id());
		assertThat(triggered.path(EventMetadata.ACTOR).asText()).isEqualTo("system:" + AlertPolicy.GROUP);
		assertThat(triggered.path(EventMetadata.CORRELATION_ID).asText()).isEqualTo(priceEvent);
		assertThat(triggered.path(EventMetadata.CAUSATION_ID).asText()).isNotBlank().isNotEqualTo(priceEvent);
		assertThat(delivered.path(EventMetadata.ACTOR).asText()).isEqualTo("system:alert-delivery");
	}

	private JsonNode metaData(User user, String type) throws Exception {
		return this.json.readTree(
				this.jdbc.queryForObject(
						"SELECT meta_data::text FROM event_log WHERE aggregate_identifier = ? AND payload_type LIKE ? "
								+ "ORDER BY sequence_number LIMIT 1",
						String.class, "watchlist-" + user.id(), "%." + type));
	}

	private List<String> eventTypes(User user) {
		return this.jdbc
			.queryForList("SELECT payload_type FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number",
					String.class, "watchlist-" + user.id())
			.stream()
			.map((type) -> type.substring(type.lastIndexOf('.') + 1))
			.toList();
	}

	private static void assertCode(ResponseEntity<JsonNode> response, HttpStatus status, String code) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat(response.getBody().get("code").textValue()).isEqualTo(code);
	}

	/** A registered user who verified their address by the mailed link, logged in. */
	private User verifiedUser() {
		String email = "watcher-" + UUID.randomUUID() + "@example.test";
		ResponseEntity<JsonNode> registered = send(null, HttpMethod.POST, "/api/v1/auth/register",
				Map.of("email", email, "password", PASSWORD, "displayName", "Watcher"));
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		await().until(() -> mailsTo(email).size() == 1);
		Matcher token;
		try {
			token = TOKEN.matcher(mailsTo(email).get(0).getContent().toString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(token.find()).isTrue();
		ResponseEntity<JsonNode> unverified = send(null, HttpMethod.POST, "/api/v1/auth/login",
				Map.of("email", email, "password", PASSWORD));
		assertThat(unverified.getStatusCode()).isEqualTo(HttpStatus.OK);
		String user = registered.getBody().get("userId").textValue();
		assertThat(send(new User(user, email, unverified.getBody().get("accessToken").textValue()), HttpMethod.POST,
				"/api/v1/auth/verify-email", Map.of("token", token.group(1)))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		ResponseEntity<JsonNode> login = send(null, HttpMethod.POST, "/api/v1/auth/login",
				Map.of("email", email, "password", PASSWORD));
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		return new User(user, email, login.getBody().get("accessToken").textValue());
	}

	private static List<MimeMessage> mailsTo(String email) {
		return Stream.of(mail.getReceivedMessages()).filter((message) -> sentTo(message, email)).toList();
	}

	private static List<MimeMessage> alertMailsTo(String email) {
		return mailsTo(email).stream().filter((message) -> {
			try {
				return message.getSubject().startsWith("GE-Metrics alert:");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static boolean sentTo(MimeMessage message, String recipient) {
		try {
			return Stream.of(message.getAllRecipients())
				.anyMatch((address) -> address.toString().equalsIgnoreCase(recipient));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<JsonNode> send(User user, HttpMethod method, String path, Map<String, ?> body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (user != null) {
			headers.setBearerAuth(user.bearer());
		}
		try {
			String json = (body != null) ? this.json.writeValueAsString(body) : null;
			return this.http.exchange(path, method, new HttpEntity<>(json, headers), JsonNode.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A logged-in test user. */
	private record User(String id, String email, String bearer) {
	}

	/**
	 * Free users may have 3 alert rules here (the free plan's are more), so a limit is
	 * reached with few rules.
	 */
	@TestConfiguration
	static class Plans {

		@Bean
		TestEntitlements entitlements() {
			return new TestEntitlements(TestEntitlements.freeWithAlertRules(3));
		}

	}

}
