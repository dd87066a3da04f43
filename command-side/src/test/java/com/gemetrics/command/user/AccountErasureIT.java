package com.gemetrics.command.user;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.SecretKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.privacy.DataKeyRewrap;
import com.gemetrics.command.privacy.StoredEventEncryption;
import com.gemetrics.platform.privacy.PersonalData;
import com.gemetrics.platform.privacy.PersonalDataCipher;
import com.gemetrics.platform.security.RedisKeys;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Account erasure ({@code DELETE /api/v1/me}, ADR 22) and the one-time encryption of
 * stored revision-1 registrations, over real HTTP against the real PostgreSQL and Redis,
 * with mail through GreenMail and the real session tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=100ms", "ge.auth.login.ip-threshold=1000" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class AccountErasureIT {

	static final String PASSWORD = "correct horse battery staple";

	static final String NAME = "Zezima the Erased";

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
	PersonalData personalData;

	@Autowired
	StoredEventEncryption storedEvents;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	EventStore eventStore;

	@Autowired
	DataKeyRewrap rewrap;

	@Autowired
	RedisKeys keys;

	@BeforeEach
	void purgeMail() throws Exception {
		mail.purgeEmailFromAllMailboxes();
	}

	@Test
	void erasureForgetsThePersonEndsEverySessionAndFreesTheAddress() throws Exception {
		String email = uniqueEmail();
		UserId user = registerAndVerify(email);
		ResponseEntity<JsonNode> session = login(email, PASSWORD);
		String bearer = session.getBody().get("accessToken").textValue();
		String refreshToken = session.getBody().get("refreshToken").textValue();

		ResponseEntity<JsonNode> wrong = erase(bearer, "not the password at all");

		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(wrong.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		assertThat(wrong.getBody().get("code").textValue()).isEqualTo("PASSWORD_INCORRECT");
		assertThat(account(user).get("email")).isEqualTo(email);
		assertThat(keyDestroyed(user)).isFalse();
		assertThat(eventTypes(user)).doesNotContain("AccountErasedEvent");
		assertThat(revealedEmail(user)).isEqualTo(email);

		ResponseEntity<JsonNode> erased = erase(bearer, PASSWORD);

		assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(eventTypes(user)).last().isEqualTo("AccountErasedEvent");
		assertThat(keyDestroyed(user)).as("the data key is destroyed").isTrue();
		assertThat(revealedEmail(user)).as("the registration's address reads as erased from now on")
			.isEqualTo(PersonalData.ERASED);
		assertThat(payloads(user)).as("no event of the user holds the address or the name")
			.noneMatch((payload) -> payload.toLowerCase().contains(email.toLowerCase()) || payload.contains(NAME));
		Map<String, Object> account = account(user);
		assertThat(account.get("email")).isNull();
		assertThat(account.get("email_key")).isNull();
		assertThat(account.get("display_name")).isNull();
		assertThat(account.get("erased_at")).isNotNull();
		assertThat(count("SELECT count(*) FROM auth.credential WHERE user_id = ?", user)).isZero();
		assertThat(count("SELECT count(*) FROM auth.email_verification_token WHERE user_id = ?", user)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM auth.mail_outbox WHERE lower(recipient) = lower(?)",
				Long.class, email))
			.isZero();
		assertThat(count("SELECT count(*) FROM auth.session WHERE user_id = ? AND revoked_at IS NULL", user)).isZero();
		assertThat(this.redis.hasKey(this.keys.sessionsRevokedBefore(user.toString())))
			.as("both apps refuse the user's access tokens (the query side's GET /api/v1/me included)")
			.isTrue();

		assertThat(login(email, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post("/api/v1/auth/refresh", null, Map.of("refreshToken", refreshToken)).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(exchange(HttpMethod.GET, bearer, "/actuator/metrics").getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(erase(bearer, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

		ResponseEntity<JsonNode> again = register(email);
		assertThat(again.getStatusCode()).as("the address is free to register again").isEqualTo(HttpStatus.CREATED);
		assertThat(again.getBody().get("userId").textValue()).isNotEqualTo(user.toString());
	}

	@Test
	void erasureEncryptsWhatTheMigrationHadNotReachedBeforeItDestroysTheKey() throws Exception {
		String email = uniqueEmail();
		UserId user = registerAndVerify(email);
		String bearer = login(email, PASSWORD).getBody().get("accessToken").textValue();
		// As stored before revision 2, and not yet migrated.
		owner().update(
				"UPDATE domain_event_entry SET payload = ?, payload_revision = '1' "
						+ "WHERE aggregate_identifier = ? AND payload_type = ?",
				revisionOne(user, email), user.toString(), UserRegisteredEvent.class.getName());
		assertThat(payloads(user)).anyMatch((payload) -> payload.contains(email));

		assertThat(erase(bearer, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(payloads(user)).noneMatch((payload) -> payload.contains(email) || payload.contains(NAME));
		assertThat(this.jdbc.queryForObject(
				"SELECT payload_revision FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
				String.class, user.toString(), UserRegisteredEvent.class.getName()))
			.isEqualTo("2");
		assertThat(revealedEmail(user)).isEqualTo(PersonalData.ERASED);
	}

	@Test
	void storedRevisionOneRegistrationsAreEncryptedInPlaceOnceAndForAll() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		String email = uniqueEmail();
		long globalIndex = insertRevisionOne(user, email);
		String eventId = this.jdbc.queryForObject(
				"SELECT event_identifier FROM domain_event_entry WHERE global_index = ?", String.class, globalIndex);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM privacy.user_data_keys WHERE user_id = ?", Long.class,
				user.value()))
			.isZero();

		String deadLetter = UUID.randomUUID().toString();
		owner().update("INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, "
				+ "sequence_index, message_type, event_identifier, time_stamp, payload_type, payload_revision, payload, "
				+ "aggregate_identifier, enqueued_at) VALUES (?, 'it-parked', ?, 0, 'DomainEventMessage', ?, "
				+ "'2026-06-01T10:00:00Z', ?, '1', ?, ?, '2026-06-01T10:00:01Z')", deadLetter, user.toString(), eventId,
				UserRegisteredEvent.class.getName(), revisionOne(user, email), user.toString());

		int first = this.storedEvents.run();

		assertThat(first).isGreaterThanOrEqualTo(2);
		Map<String, Object> row = this.jdbc
			.queryForMap("SELECT event_identifier, payload_revision, convert_from(payload, 'UTF8') AS payload "
					+ "FROM domain_event_entry WHERE global_index = ?", globalIndex);
		assertThat(row.get("event_identifier")).as("the same event, rewritten in place").isEqualTo(eventId);
		assertThat(row.get("payload_revision")).isEqualTo("2");
		String payload = (String) row.get("payload");
		assertThat(payload).doesNotContain(email).doesNotContain(NAME).contains("registeredAt");
		assertThat(revealedEmail(user)).as("the user's new key opens it").isEqualTo(email);
		assertThat(this.personalData.reveal(user, field(payload, "displayName"))).isEqualTo(NAME);

		Map<String, Object> parked = this.jdbc
			.queryForMap("SELECT payload_revision, convert_from(payload, 'UTF8') AS payload FROM dead_letter_entry "
					+ "WHERE dead_letter_id = ?", deadLetter);
		assertThat(parked.get("payload_revision")).as("the dead-lettered copy too").isEqualTo("2");
		assertThat((String) parked.get("payload")).doesNotContain(email).doesNotContain(NAME);
		assertThat(this.personalData.reveal(user, field((String) parked.get("payload"), "email"))).isEqualTo(email);

		assertThat(this.storedEvents.run()).as("a second run finds nothing").isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE global_index = ?", String.class,
				globalIndex))
			.as("and changes nothing")
			.isEqualTo(payload);
	}

	@Test
	void aRevisionOneRowOfAnAlreadyErasedUserIsWithheldNotEncrypted() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		String email = uniqueEmail();
		owner().update("INSERT INTO privacy.user_data_keys (user_id, wrapped_key, created_at, destroyed_at) "
				+ "VALUES (?, NULL, now(), now())", user.value());
		long globalIndex = insertRevisionOne(user, email);

		this.storedEvents.run();

		String payload = this.jdbc.queryForObject(
				"SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE global_index = ?", String.class,
				globalIndex);
		assertThat(payload).doesNotContain(email).doesNotContain(NAME);
		assertThat(field(payload, "email").isWithheld()).isTrue();
		assertThat(revealedEmail(user)).isEqualTo(PersonalData.ERASED);
	}

	@Test
	void dataKeysWrappedUnderThePreviousSecretAreRewrappedUnderTheNewOne() {
		UserId user = new UserId(UUID.randomUUID());
		PersonalDataCipher old = new PersonalDataCipher("the-previous-key-encryption-secret");
		SecretKey key = old.newDataKey();
		owner().update("INSERT INTO privacy.user_data_keys (user_id, wrapped_key, created_at) VALUES (?, ?, now())",
				user.value(), old.wrap(user, key));
		EncryptedValue address = old.encrypt(user, key, "rotated@example.test");
		assertThatThrownBy(() -> this.personalData.reveal(user, address)).hasMessageContaining("GE_AUTH_KEY_SECRET");

		assertThat(this.rewrap.rewrap("the-previous-key-encryption-secret")).isEqualTo(1);

		assertThat(this.personalData.reveal(user, address)).isEqualTo("rotated@example.test");
		assertThat(this.rewrap.rewrap("the-previous-key-encryption-secret")).as("idempotent").isZero();
	}

	private long insertRevisionOne(UserId user, String email) throws Exception {
		owner().update(
				"INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
						+ "meta_data, payload, payload_revision, payload_type, time_stamp) "
						+ "VALUES (?, 0, 'User', ?, convert_to('{}', 'UTF8'), ?, '1', ?, ?)",
				user.toString(), UUID.randomUUID().toString(), revisionOne(user, email),
				UserRegisteredEvent.class.getName(), Instant.now().toString());
		return this.jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
				Long.class, user.toString());
	}

	/**
	 * The JSON a revision-1 UserRegisteredEvent was stored as, address and name in clear.
	 */
	private byte[] revisionOne(UserId user, String email) {
		return ("{\"userId\":{\"value\":\"" + user + "\"},\"email\":\"" + email + "\",\"displayName\":\"" + NAME
				+ "\",\"registeredAt\":\"2026-06-01T10:00:00Z\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private String revealedEmail(UserId user) throws JsonProcessingException {
		String payload = this.jdbc
			.queryForObject(
					"SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
							+ "AND payload_type = ?",
					String.class, user.toString(), UserRegisteredEvent.class.getName());
		return this.personalData.reveal(user, field(payload, "email"));
	}

	private EncryptedValue field(String payload, String name) throws JsonProcessingException {
		return this.json.treeToValue(this.json.readTree(payload).get(name), EncryptedValue.class);
	}

	private boolean keyDestroyed(UserId user) {
		return this.jdbc.queryForObject(
				"SELECT wrapped_key IS NULL AND destroyed_at IS NOT NULL FROM privacy.user_data_keys WHERE user_id = ?",
				Boolean.class, user.value());
	}

	private Map<String, Object> account(UserId user) {
		return this.jdbc.queryForMap("SELECT * FROM auth.account WHERE user_id = ?", user.value());
	}

	private long count(String sql, UserId user) {
		return this.jdbc.queryForObject(sql, Long.class, user.value());
	}

	private List<String> eventTypes(UserId user) {
		return this.jdbc
			.queryForList("SELECT payload_type FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number",
					String.class, user.toString())
			.stream()
			.map((type) -> type.substring(type.lastIndexOf('.') + 1))
			.toList();
	}

	private List<String> payloads(UserId user) {
		return this.jdbc.queryForList(
				"SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
				String.class, user.toString());
	}

	private JdbcTemplate owner() {
		return RealInfrastructure.asOwner(this.jdbc.getDataSource());
	}

	private UserId registerAndVerify(String email) throws Exception {
		ResponseEntity<JsonNode> registered = register(email);
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String token = token(awaitMail(email));
		String bearer = login(email, PASSWORD).getBody().get("accessToken").textValue();
		assertThat(post("/api/v1/auth/verify-email", bearer, Map.of("token", token)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		return UserId.of(registered.getBody().get("userId").textValue());
	}

	private ResponseEntity<JsonNode> register(String email) {
		return post("/api/v1/auth/register", null, Map.of("email", email, "password", PASSWORD, "displayName", NAME));
	}

	private ResponseEntity<JsonNode> login(String email, String password) {
		return post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
	}

	private ResponseEntity<JsonNode> erase(String bearer, String password) throws JsonProcessingException {
		return this.http.exchange("/api/v1/me", HttpMethod.DELETE,
				new HttpEntity<>(this.json.writeValueAsString(Map.of("password", password)), headers(bearer)),
				JsonNode.class);
	}

	private ResponseEntity<JsonNode> post(String path, String bearer, Map<String, String> body) {
		try {
			return this.http.postForEntity(path, new HttpEntity<>(this.json.writeValueAsString(body), headers(bearer)),
					JsonNode.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<JsonNode> exchange(HttpMethod method, String bearer, String path) {
		return this.http.exchange(path, method, new HttpEntity<>(headers(bearer)), JsonNode.class);
	}

	private static HttpHeaders headers(String bearer) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return headers;
	}

	private static MimeMessage awaitMail(String recipient) {
		List<MimeMessage> found = new ArrayList<>();
		await().until(() -> {
			found.clear();
			Stream.of(mail.getReceivedMessages()).filter((message) -> sentTo(message, recipient)).forEach(found::add);
			return !found.isEmpty();
		});
		return found.get(0);
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

	private static String token(MimeMessage message) throws Exception {
		Matcher matcher = TOKEN.matcher(message.getContent().toString());
		assertThat(matcher.find()).as("a token link in the mail").isTrue();
		return matcher.group(1);
	}

	private static String uniqueEmail() {
		return "erase-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.test";
	}

}
