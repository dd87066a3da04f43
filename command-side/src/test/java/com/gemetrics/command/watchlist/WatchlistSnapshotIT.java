package com.gemetrics.command.watchlist;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.TriggerAlertCommand;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.TestEntitlements;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Watchlist snapshots against the real PostgreSQL: with a threshold of 5 events, a
 * watchlist driven through its endpoints (and the alert policy's trigger command) gets a
 * Jackson snapshot in {@code snapshot_event_entry}, and the watchlist loaded from it
 * still knows its rules, their pauses, its limits and the observations its rules fired
 * on. A snapshot of another revision is skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=1h", "ge.alerts.poll-interval=1h", "ge.watchlist.snapshot-threshold=5" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class WatchlistSnapshotIT {

	static final int WHIP = 4151;

	static final int BONES = 536;

	static final int PLATEBODY = 1127;

	static final String PASSWORD = "correct horse battery staple";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	CommandGateway commands;

	@BeforeEach
	void catalogue() {
		this.jdbc.update("""
				INSERT INTO market.catalog_item (item_id, name, members, synced_at)
				VALUES (?, 'Abyssal whip', true, now()), (?, 'Dragon bones', true, now()),
				       (?, 'Rune platebody', true, now())
				ON CONFLICT (item_id) DO NOTHING
				""", WHIP, BONES, PLATEBODY);
	}

	@Test
	void aWatchlistPastTheThresholdIsSnapshottedAndStillEnforcesItsRules() throws Exception {
		User user = newUser();
		WatchlistId watchlistId = new WatchlistId(UserId.of(user.id()));
		String whipRule = ruleOf(watch(user, WHIP, alert("PRICE_AT_OR_ABOVE", 1_000_000)));
		String bonesRule = ruleOf(watch(user, BONES, alert("PRICE_AT_OR_BELOW", 5_000)));
		Instant observedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		assertThat(trigger(watchlistId, bonesRule, BONES, observedAt.minusSeconds(60))).isTrue();
		assertThat(trigger(watchlistId, bonesRule, BONES, observedAt)).isTrue();
		assertThat(snapshots(watchlistId)).isEmpty();
		// the fifth event: this load and apply reach the threshold
		assertThat(ruleState(user, "pause", whipRule).getStatusCode()).isEqualTo(HttpStatus.OK);

		await().until(() -> !snapshots(watchlistId).isEmpty());
		Map<String, Object> snapshot = snapshots(watchlistId).get(0);
		assertThat(snapshot).containsEntry("payload_type", Watchlist.class.getName())
			.containsEntry("payload_revision", "1")
			.containsEntry("type", "Watchlist");
		assertThat(snapshot).containsEntry("sequence_number", 4L);
		String payload = new String((byte[]) snapshot.get("payload"), StandardCharsets.UTF_8);
		JsonNode state = this.json.readTree(payload);
		assertThat(state.get("items").get(String.valueOf(WHIP)).get(0).get("active").booleanValue()).isFalse();
		assertThat(state.get("items").get(String.valueOf(BONES)).get(0).get("ruleId").textValue()).isEqualTo(bonesRule);
		assertThat(state.get("lastTriggeredObservation").get(bonesRule).textValue()).isEqualTo(observedAt.toString());
		assertThat(payload).doesNotContain(user.email()).doesNotContain(PASSWORD);

		// loaded from the snapshot from here on: every rule still holds
		assertThatExceptionOfType(WatchlistRejected.class)
			.isThrownBy(() -> trigger(watchlistId, whipRule, WHIP, observedAt.plusSeconds(60)))
			.extracting(WatchlistRejected::error)
			.isEqualTo(WatchlistError.RULE_PAUSED);
		assertThat(trigger(watchlistId, bonesRule, BONES, observedAt)).isFalse();
		ResponseEntity<JsonNode> unknown = ruleState(user, "pause", UUID.randomUUID().toString());
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknown.getBody().get("code").textValue()).isEqualTo("RULE_NOT_FOUND");
		ResponseEntity<JsonNode> overLimit = watch(user, PLATEBODY, alert("PRICE_AT_OR_ABOVE", 80_000),
				alert("PRICE_AT_OR_BELOW", 70_000));
		assertThat(overLimit.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(overLimit.getBody().get("code").textValue()).isEqualTo("RULE_LIMIT_REACHED");
		ResponseEntity<JsonNode> unwatchedBefore = unwatch(user, PLATEBODY);
		assertThat(unwatchedBefore.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(watch(user, PLATEBODY, alert("PRICE_AT_OR_ABOVE", 80_000)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(trigger(watchlistId, bonesRule, BONES, observedAt.plusSeconds(60))).isTrue();
		ResponseEntity<JsonNode> resumed = ruleState(user, "resume", whipRule);
		assertThat(resumed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(resumed.getBody().get("consistencyToken").textValue())
			.isEqualTo("watchlist." + watchlistId + "." + lastSequence(watchlistId));
		assertThat(trigger(watchlistId, whipRule, WHIP, observedAt.plusSeconds(60))).isTrue();
		assertThat(eventTypes(watchlistId)).containsExactly("ItemWatchedEvent", "ItemWatchedEvent",
				"AlertTriggeredEvent", "AlertTriggeredEvent", "AlertRulePausedEvent", "ItemWatchedEvent",
				"AlertTriggeredEvent", "AlertRuleResumedEvent", "AlertTriggeredEvent");
		// the last load (snapshot and three events) and apply reached the threshold again
		await().until(() -> snapshots(watchlistId).stream().map((row) -> row.get("sequence_number")).toList(),
				(sequences) -> sequences.equals(List.of(8L)));
	}

	@Test
	void aSnapshotOfAnotherRevisionIsSkipped() {
		User user = newUser();
		WatchlistId watchlistId = new WatchlistId(UserId.of(user.id()));
		String whipRule = ruleOf(watch(user, WHIP, alert("PRICE_AT_OR_ABOVE", 1_000_000)));
		// as if written by an older Watchlist: well-formed, but empty and far ahead
		this.jdbc.update("""
				INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
				    meta_data, payload, payload_revision, payload_type, time_stamp)
				VALUES (?, 1000000, 'Watchlist', ?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '0', ?, ?)
				""", watchlistId.toString(), UUID.randomUUID().toString(),
				"{\"watchlistId\":{\"userId\":{\"value\":\"" + user.id() + "\"}},\"owner\":{\"value\":\"" + user.id()
						+ "\"},\"items\":{},\"lastTriggeredObservation\":{}}",
				Watchlist.class.getName(), Instant.now().toString());

		ResponseEntity<JsonNode> paused = ruleState(user, "pause", whipRule);

		assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(paused.getBody().get("consistencyToken").textValue()).isEqualTo("watchlist." + watchlistId + ".1");
	}

	private boolean trigger(WatchlistId watchlistId, String ruleId, int itemId, Instant observedAt) {
		Boolean fired = this.commands.sendAndWait(new TriggerAlertCommand(watchlistId, UUID.randomUUID().toString(),
				ruleId, itemId, AlertType.PRICE_AT_OR_ABOVE, 1, 2, observedAt, Instant.now()));
		return fired;
	}

	private List<Map<String, Object>> snapshots(WatchlistId watchlistId) {
		return this.jdbc.queryForList("""
				SELECT sequence_number, type, payload, payload_revision, payload_type FROM snapshot_event_entry
				WHERE aggregate_identifier = ? ORDER BY sequence_number DESC
				""", watchlistId.toString());
	}

	private List<String> eventTypes(WatchlistId watchlistId) {
		return this.jdbc
			.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
					+ "ORDER BY sequence_number", String.class, watchlistId.toString())
			.stream()
			.map((type) -> type.substring(type.lastIndexOf('.') + 1))
			.toList();
	}

	private long lastSequence(WatchlistId watchlistId) {
		return this.jdbc.queryForObject(
				"SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
				watchlistId.toString());
	}

	private static Map<String, Object> alert(String type, long value) {
		return Map.of("type", type, "value", value);
	}

	@SafeVarargs
	private ResponseEntity<JsonNode> watch(User user, int itemId, Map<String, Object>... alerts) {
		return send(user.bearer(), HttpMethod.PUT, "/api/v1/watchlist/items/" + itemId,
				Map.of("alerts", List.of(alerts)));
	}

	private ResponseEntity<JsonNode> unwatch(User user, int itemId) {
		return send(user.bearer(), HttpMethod.DELETE, "/api/v1/watchlist/items/" + itemId, null);
	}

	private ResponseEntity<JsonNode> ruleState(User user, String action, String ruleId) {
		return send(user.bearer(), HttpMethod.POST, "/api/v1/watchlist/rules/" + ruleId + "/" + action, null);
	}

	private static String ruleOf(ResponseEntity<JsonNode> watched) {
		assertThat(watched.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return watched.getBody().get("rules").get(0).get("ruleId").textValue();
	}

	private User newUser() {
		String email = "snapshot-" + UUID.randomUUID() + "@example.test";
		ResponseEntity<JsonNode> registered = send(null, HttpMethod.POST, "/api/v1/auth/register",
				Map.of("email", email, "password", PASSWORD, "displayName", "Snapshotter"));
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		ResponseEntity<JsonNode> login = send(null, HttpMethod.POST, "/api/v1/auth/login",
				Map.of("email", email, "password", PASSWORD));
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		return new User(registered.getBody().get("userId").textValue(), email,
				login.getBody().get("accessToken").textValue());
	}

	private ResponseEntity<JsonNode> send(String bearer, HttpMethod method, String path, Map<String, ?> body) {
		HttpHeaders headers = new HttpHeaders();
		String content = null;
		if (body != null) {
			headers.setContentType(MediaType.APPLICATION_JSON);
			try {
				content = this.json.writeValueAsString(body);
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(path, method, new HttpEntity<>(content, headers), JsonNode.class);
	}

	/** A registered, logged-in user. */
	record User(String id, String email, String bearer) {
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
