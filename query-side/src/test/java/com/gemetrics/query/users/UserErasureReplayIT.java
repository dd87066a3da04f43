package com.gemetrics.query.users;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.AccountErasedEvent;
import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.platform.privacy.PersonalData;
import com.gemetrics.platform.privacy.PersonalDataCipher;
import com.gemetrics.platform.security.RedisKeys;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.TestRegistrations;
import com.gemetrics.query.TestTokens;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crypto-shredding on the query side (ADR 22): the users projection decrypts with the
 * user's data key; after the account is erased (key destroyed,
 * {@code AccountErasedEvent}, sessions revoked: what the command side does) the profile
 * is gone, the old access token is refused, and a full replay of the users projection
 * does not bring the address back. The user's flips stay, under the bare user id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "ge.price-history.backfill.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
class UserErasureReplayIT {

	private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(30);

	private static final TestTokens TOKENS = new TestTokens();

	@RegisterExtension
	static WireMockExtension commandSide = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@DynamicPropertySource
	static void jwksUrl(DynamicPropertyRegistry registry) {
		registry.add("ge.auth.jwks-url", () -> TestTokens.jwksUrl(commandSide.baseUrl()));
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	EventStore events;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	PersonalData personalData;

	@Autowired
	EventProcessingConfiguration processing;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	private final ObjectMapper json = new ObjectMapper();

	private TestRegistrations registrations;

	@BeforeEach
	void setUp() {
		TOKENS.serve(commandSide);
		this.registrations = new TestRegistrations(this.dataSource, this.cipher);
	}

	@Test
	void anErasedUsersAddressNeverComesBackEvenAfterAReplay() throws Exception {
		UserId erased = new UserId(UUID.randomUUID());
		String address = "erase-me-" + erased.value().toString().substring(0, 8) + "@example.org";
		UserId kept = new UserId(UUID.randomUUID());
		String keptAddress = "keep-me-" + kept.value().toString().substring(0, 8) + "@example.org";
		Instant at = Instant.parse("2026-11-01T10:00:00Z");
		publishUser(erased, address, "Erased Trader", at);
		publishUser(kept, keptAddress, "Kept Trader", at);
		FlipId flip = new FlipId(UUID.randomUUID());
		this.events.publish(
				new GenericDomainEventMessage<>("Flip", flip.toString(), 0,
						new FlipOpenedEvent(flip, erased, "main", 4151, 10, 1_500_000, at.plusSeconds(60))),
				new GenericDomainEventMessage<>("Flip", flip.toString(), 1,
						new FlipSaleRecordedEvent(flip, erased, "sale-1", 10, 1_600_000, at.plusSeconds(3600))));
		String bearer = TOKENS.bearer(erased.toString(), "USER");
		await().atMost(PROJECTION_TIMEOUT).until(() -> me(bearer).getStatusCode().value() == 200);
		assertThat(this.json.readTree(me(bearer).getBody()).path("email").asText()).isEqualTo(address);
		await().atMost(PROJECTION_TIMEOUT).until(() -> sales(erased) == 1);

		erase(erased, at.plusSeconds(7200));

		await().atMost(PROJECTION_TIMEOUT).until(() -> profiles(erased) == 0);
		// A session seen active is trusted for ge.auth.revocation.active-cache (1 s):
		// refused
		// within seconds.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(me(bearer).getStatusCode().value()).as("the old access token is refused")
				.isEqualTo(401));

		replayUsers();

		assertThat(profiles(kept)).as("the replay rebuilt the others").isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT email FROM read.user_profile WHERE user_id = ?", String.class,
				kept.value()))
			.isEqualTo(keptAddress);
		assertThat(profiles(erased)).as("but not the erased user").isZero();
		assertThat(this.jdbc
			.queryForObject("SELECT count(*) FROM read.user_profile WHERE lower(coalesce(email, '') || ' ' || "
					+ "coalesce(display_name, '')) LIKE ?", Long.class, "%" + address.toLowerCase() + "%"))
			.isZero();
		String storedEmail = RealInfrastructure.asOwner(this.dataSource)
			.queryForObject("SELECT payload->'email'->>'ciphertext' FROM event_log WHERE aggregate_identifier = ? "
					+ "AND payload_type LIKE '%UserRegisteredEvent'", String.class, erased.toString());
		assertThat(this.personalData.reveal(erased, new EncryptedValue(storedEmail)))
			.as("what auditors will see in its place")
			.isEqualTo(PersonalData.ERASED);
		Map<String, Object> stats = this.jdbc
			.queryForMap(
					"SELECT count(DISTINCT f.flip_id) AS flips, sum(t.quantity) AS sold FROM read.flips f "
							+ "JOIN read.user_transactions t ON t.flip_id = f.flip_id WHERE f.user_id = ?",
					erased.value());
		assertThat(stats.get("flips")).as("the erased user's flips still count, pseudonymously").isEqualTo(1L);
		assertThat(((Number) stats.get("sold")).longValue()).isEqualTo(10);
	}

	@Test
	void aRevisionOneRegistrationTheMigrationHasNotReachedIsProjectedWithoutItsClearValues() {
		UserId user = new UserId(UUID.randomUUID());
		String address = "old-" + user.value().toString().substring(0, 8) + "@example.org";
		RealInfrastructure.asOwner(this.dataSource)
			.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
					+ "meta_data, payload, payload_revision, payload_type, time_stamp) VALUES (?, 0, 'User', ?, "
					+ "convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '1', ?, '2026-06-01T10:00:00Z')",
					user.toString(), UUID.randomUUID().toString(),
					"{\"userId\":{\"value\":\"" + user + "\"},\"email\":\"" + address
							+ "\",\"displayName\":\"Old Trader\",\"registeredAt\":\"2026-06-01T10:00:00Z\"}",
					"com.gemetrics.api.user.UserRegisteredEvent");

		UserRegisteredEvent upcast = (UserRegisteredEvent) this.events.readEvents(user.toString()).next().getPayload();

		assertThat(upcast.email().isWithheld()).as("the query side's upcaster withholds, never passes on").isTrue();
		assertThat(upcast.displayName().isWithheld()).isTrue();
		await().atMost(PROJECTION_TIMEOUT).until(() -> profiles(user) == 1);
		assertThat(this.jdbc.queryForMap("SELECT email, display_name FROM read.user_profile WHERE user_id = ?",
				user.value()))
			.containsEntry("email", null)
			.containsEntry("display_name", null);
	}

	@Test
	void anOnlineRebuildOfTheUsersKeepsServingProfilesAndDoesNotBringAnErasedAddressBack() throws Exception {
		UserId erased = new UserId(UUID.randomUUID());
		String address = "online-erased-" + erased.value().toString().substring(0, 8) + "@example.org";
		UserId kept = new UserId(UUID.randomUUID());
		String keptAddress = "online-kept-" + kept.value().toString().substring(0, 8) + "@example.org";
		Instant at = Instant.parse("2026-11-02T10:00:00Z");
		publishUser(erased, address, "Erased Online", at);
		publishUser(kept, keptAddress, "Kept Online", at);
		erase(erased, at.plusSeconds(7200));
		String keptBearer = TOKENS.bearer(kept.toString(), "USER");
		await().atMost(PROJECTION_TIMEOUT).until(() -> profiles(erased) == 0 && profiles(kept) == 1);
		String profile = me(keptBearer).getBody();
		JdbcTemplate owner = RealInfrastructure.asOwner(this.dataSource);
		long switches = owner.queryForObject("SELECT count(*) FROM read.projection_switches WHERE name = 'users'",
				Long.class);
		long tableBefore = owner.queryForObject("SELECT 'read.user_profile'::regclass::oid", Long.class);

		HttpHeaders admin = new HttpHeaders();
		admin.setBearerAuth(TOKENS.bearer(UUID.randomUUID().toString(), "USER", "ADMIN"));
		ResponseEntity<String> started = this.http.exchange("/api/v1/admin/projections/users/replays", HttpMethod.POST,
				new HttpEntity<>(admin), String.class);
		assertThat(started.getStatusCode().value()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(me(keptBearer).getBody()).as("served throughout").isEqualTo(profile);
			assertThat(owner.queryForObject("SELECT count(*) FROM read.projection_switches WHERE name = 'users'",
					Long.class))
				.isEqualTo(switches + 1);
		});

		assertThat(owner.queryForObject("SELECT 'read.user_profile'::regclass::oid", Long.class))
			.as("the rebuilt table was switched in")
			.isNotEqualTo(tableBefore);
		assertThat(me(keptBearer).getBody()).isEqualTo(profile);
		assertThat(profiles(erased)).isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM read.user_profile WHERE email = ?", Long.class, address))
			.isZero();
		assertThat(owner.queryForObject("SELECT has_table_privilege('ge_analyst', 'read.user_profile', 'SELECT')",
				Boolean.class))
			.as("analysts still may not read profiles")
			.isFalse();
	}

	private void publishUser(UserId user, String email, String name, Instant at) {
		this.events.publish(
				new GenericDomainEventMessage<>("User", user.toString(), 0,
						this.registrations.registered(user, email, name, at)),
				new GenericDomainEventMessage<>("User", user.toString(), 1,
						new EmailVerifiedEvent(user, at.plusSeconds(30))));
	}

	/** What the command side does on DELETE /api/v1/me, in its order. */
	private void erase(UserId user, Instant at) {
		this.registrations.destroyKey(user, at);
		this.events
			.publish(new GenericDomainEventMessage<>("User", user.toString(), 2, new AccountErasedEvent(user, at)));
		this.redis.opsForValue()
			.set(this.keys.sessionsRevokedBefore(user.toString()), Long.toString(Instant.now().getEpochSecond() + 1),
					Duration.ofMinutes(17));
	}

	/**
	 * Resets the users processor's tokens, as an operator's replay does, and waits for it
	 * to catch up.
	 */
	private void replayUsers() {
		TrackingEventProcessor users = this.processing.eventProcessor("users", TrackingEventProcessor.class)
			.orElseThrow();
		users.shutDown();
		users.resetTokens();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.user_profile", Long.class))
			.as("the reset handler emptied the table")
			.isZero();
		users.start();
		await().atMost(PROJECTION_TIMEOUT)
			.until(() -> !users.isReplaying() && !users.processingStatus().isEmpty()
					&& users.processingStatus().values().stream().allMatch((status) -> status.isCaughtUp()));
	}

	private long profiles(UserId user) {
		return this.jdbc.queryForObject("SELECT count(*) FROM read.user_profile WHERE user_id = ?", Long.class,
				user.value());
	}

	private long sales(UserId user) {
		return this.jdbc.queryForObject("SELECT count(*) FROM read.user_transactions WHERE user_id = ?", Long.class,
				user.value());
	}

	private ResponseEntity<String> me(String bearer) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(bearer);
		return this.http.exchange("/api/v1/me", HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

}
