package com.gemetrics.command.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.command.RealInfrastructure;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
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
 * Issue 8: whoever registers an address first, unverified, must not keep it, nor gain
 * anything from the real owner's verification. Over real HTTP against the real PostgreSQL
 * and Redis, mail through GreenMail, with a clock the tests move.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=100ms", "ge.auth.mail-cooldown=1ms",
				"ge.auth.bootstrap-admin-email=" + RegistrationTakeoverIT.BOOTSTRAP_ADMIN,
				"ge.auth.unverified-account-ttl=7d", "ge.auth.public-base-url=https://app.example.test" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class RegistrationTakeoverIT {

	static final String BOOTSTRAP_ADMIN = "Chief@Example.test";

	static final String OWNER_PASSWORD = "the real owner's passphrase";

	static final String ATTACKER_PASSWORD = "the attacker's own passphrase";

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
	MutableClock clock;

	@Autowired
	Accounts accounts;

	@BeforeEach
	void purgeMail() throws Exception {
		mail.purgeEmailFromAllMailboxes();
	}

	@Test
	void anAttackerWhoRegisteredTheAdminAddressFirstGetsNothingFromTheRealAdminsClick() throws Exception {
		String attacker = register(BOOTSTRAP_ADMIN, ATTACKER_PASSWORD, "Not The Admin");
		JsonNode attackerSession = login(BOOTSTRAP_ADMIN, ATTACKER_PASSWORD).getBody();
		String attackerBearer = attackerSession.get("accessToken").textValue();
		assertThat(SecurityClaims.roles(attackerBearer)).isEmpty();
		assertThat(exchange(HttpMethod.PUT, attackerBearer, "/api/v1/admin/users/" + attacker + "/roles/admin")
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

		String admin = register(BOOTSTRAP_ADMIN.toUpperCase(), OWNER_PASSWORD, "The Admin");

		assertThat(admin).isNotEqualTo(attacker);
		List<String> links = tokens(awaitMails(BOOTSTRAP_ADMIN, 2));
		String attackersLink = links.get(0);
		String adminsLink = links.get(1);
		assertThat(post(null, "/api/v1/auth/refresh",
				Map.of("refreshToken", attackerSession.get("refreshToken").textValue()))
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post(attackerBearer, "/api/v1/auth/verification-emails", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(login(BOOTSTRAP_ADMIN, ATTACKER_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

		JsonNode adminSession = login(BOOTSTRAP_ADMIN, OWNER_PASSWORD).getBody();
		String adminBearer = adminSession.get("accessToken").textValue();
		assertThat(SecurityClaims.roles(adminBearer)).isEmpty();
		assertThat(code(post(adminBearer, "/api/v1/auth/verify-email", Map.of("token", attackersLink))))
			.isEqualTo("TOKEN_INVALID");
		assertThat(post(adminBearer, "/api/v1/auth/verify-email", Map.of("token", adminsLink)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		String refreshed = post(null, "/api/v1/auth/refresh",
				Map.of("refreshToken", adminSession.get("refreshToken").textValue()))
			.getBody()
			.get("accessToken")
			.textValue();
		assertThat(SecurityClaims.roles(refreshed)).containsExactlyInAnyOrder("ADMIN", "USER");
		assertThat(
				SecurityClaims.roles(login(BOOTSTRAP_ADMIN, OWNER_PASSWORD).getBody().get("accessToken").textValue()))
			.containsExactlyInAnyOrder("ADMIN", "USER");
		// the attacker's failed login with their old password counted against the
		// address's new account
		assertThat(eventTypes(admin)).containsExactly("UserRegisteredEvent", "LoginFailedEvent", "UserLoggedInEvent",
				"EmailVerifiedEvent", "RoleGrantedEvent", "UserLoggedInEvent");
		assertThat(eventTypes(attacker)).containsExactly("UserRegisteredEvent", "UserLoggedInEvent",
				"UserRegistrationSupersededEvent");
		Map<String, Object> attackerAccount = account(attacker);
		assertThat(attackerAccount.get("email_key")).isNull();
		assertThat(attackerAccount.get("email_verified")).isEqualTo(false);
		assertThat(attackerAccount.get("released_at")).isNotNull();
		assertThat(roles(attacker)).isEmpty();
		assertThat(payloads(attacker)).noneMatch((payload) -> payload.contains(ATTACKER_PASSWORD)
				|| payload.contains(attackersLink) || payload.contains("argon2"));

		ResponseEntity<JsonNode> again = post(null, "/api/v1/auth/register",
				Map.of("email", BOOTSTRAP_ADMIN, "password", ATTACKER_PASSWORD, "displayName", "Try Again"));
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(code(again)).isEqualTo("EMAIL_TAKEN");
	}

	@Test
	void aClickVerifiesOnlyTheRegistrationItWasMailedForAndOnlyForItsRegistrant() throws Exception {
		String email = uniqueEmail();
		String owner = register(email, OWNER_PASSWORD, "Owner");
		String ownerBearer = login(email, OWNER_PASSWORD).getBody().get("accessToken").textValue();

		String attacker = register(email, ATTACKER_PASSWORD, "Rival");

		List<String> links = tokens(awaitMails(email, 2));
		String ownersLink = links.get(0);
		String attackersLink = links.get(1);
		assertThat(post(ownerBearer, "/api/v1/auth/verify-email", Map.of("token", ownersLink)).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post(null, "/api/v1/auth/verify-email", Map.of("token", ownersLink)).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(login(email, OWNER_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		String stranger = uniqueEmail();
		register(stranger, OWNER_PASSWORD, "Stranger");
		String strangerBearer = login(stranger, OWNER_PASSWORD).getBody().get("accessToken").textValue();
		assertThat(code(post(strangerBearer, "/api/v1/auth/verify-email", Map.of("token", attackersLink))))
			.isEqualTo("VERIFICATION_ACCOUNT_MISMATCH");
		assertThat(account(attacker).get("email_verified")).isEqualTo(false);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM auth.email_verification_token WHERE user_id = ?::uuid AND used_at IS NULL",
				Integer.class, attacker))
			.isEqualTo(1);

		String reclaimed = register(email, OWNER_PASSWORD, "Owner Again");
		String reclaimedLink = tokens(awaitMails(email, 3)).get(2);
		String reclaimedBearer = login(email, OWNER_PASSWORD).getBody().get("accessToken").textValue();

		assertThat(post(reclaimedBearer, "/api/v1/auth/verify-email", Map.of("token", reclaimedLink)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(account(reclaimed).get("email_verified")).isEqualTo(true);
		assertThat(eventTypes(owner)).containsExactly("UserRegisteredEvent", "UserLoggedInEvent",
				"UserRegistrationSupersededEvent");
		assertThat(eventTypes(attacker)).containsExactly("UserRegisteredEvent", "LoginFailedEvent",
				"UserRegistrationSupersededEvent");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM auth.email_verification_token WHERE user_id = ?::uuid AND used_at IS NULL",
				Integer.class, attacker))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM auth.account WHERE email_key = lower(?)",
				Integer.class, email))
			.isEqualTo(1);
	}

	@Test
	void anUnverifiedRegistrationExpiresAfterItsTimeAndFreesTheAddress() throws Exception {
		String email = uniqueEmail();
		String stale = register(email, ATTACKER_PASSWORD, "Squatter");
		String staleLink = tokens(awaitMails(email, 1)).get(0);
		String staleRefresh = login(email, ATTACKER_PASSWORD).getBody().get("refreshToken").textValue();
		String verifiedEmail = uniqueEmail();
		String verified = register(verifiedEmail, OWNER_PASSWORD, "Long Verified");
		String verifiedBearer = login(verifiedEmail, OWNER_PASSWORD).getBody().get("accessToken").textValue();
		assertThat(post(verifiedBearer, "/api/v1/auth/verify-email",
				Map.of("token", tokens(awaitMails(verifiedEmail, 1)).get(0)))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		this.clock.advance(Duration.ofDays(7).minusMinutes(1));
		this.accounts.expireUnverified();
		assertThat(eventTypes(stale)).doesNotContain("UserRegistrationExpiredEvent");

		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.accounts.expireUnverified()).isPositive();

		assertThat(eventTypes(stale)).containsExactly("UserRegisteredEvent", "UserLoggedInEvent",
				"UserRegistrationExpiredEvent");
		assertThat(eventTypes(verified)).doesNotContain("UserRegistrationExpiredEvent");
		assertThat(account(stale).get("email_key")).isNull();
		assertThat(login(email, ATTACKER_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post(null, "/api/v1/auth/refresh", Map.of("refreshToken", staleRefresh)).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(login(verifiedEmail, OWNER_PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);

		String owner = register(email, OWNER_PASSWORD, "Owner");
		String ownerBearer = login(email, OWNER_PASSWORD).getBody().get("accessToken").textValue();
		assertThat(code(post(ownerBearer, "/api/v1/auth/verify-email", Map.of("token", staleLink))))
			.isEqualTo("TOKEN_INVALID");
		assertThat(post(ownerBearer, "/api/v1/auth/verify-email", Map.of("token", tokens(awaitMails(email, 2)).get(1)))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(eventTypes(stale)).doesNotContain("UserRegistrationSupersededEvent");
		assertThat(account(owner).get("email_verified")).isEqualTo(true);
	}

	private String register(String email, String password, String displayName) {
		ResponseEntity<JsonNode> registered = post(null, "/api/v1/auth/register",
				Map.of("email", email, "password", password, "displayName", displayName));
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return registered.getBody().get("userId").textValue();
	}

	private ResponseEntity<JsonNode> login(String email, String password) {
		return post(null, "/api/v1/auth/login", Map.of("email", email, "password", password));
	}

	private ResponseEntity<JsonNode> post(String bearer, String path, Map<String, String> body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		try {
			return this.http.postForEntity(path, new HttpEntity<>(this.json.writeValueAsString(body), headers),
					JsonNode.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<JsonNode> exchange(HttpMethod method, String bearer, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(bearer);
		return this.http.exchange(path, method, new HttpEntity<>(headers), JsonNode.class);
	}

	private static String code(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode().is4xxClientError()).as("a 4xx, not %s", response.getStatusCode()).isTrue();
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		return response.getBody().get("code").textValue();
	}

	private Map<String, Object> account(String userId) {
		return this.jdbc.queryForMap("SELECT * FROM auth.account WHERE user_id = ?::uuid", userId);
	}

	private List<String> roles(String userId) {
		return this.jdbc.queryForList("SELECT unnest(roles) FROM auth.account WHERE user_id = ?::uuid", String.class,
				userId);
	}

	private List<String> eventTypes(String userId) {
		return this.jdbc
			.queryForList("SELECT payload_type FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number",
					String.class, userId)
			.stream()
			.map((type) -> type.substring(type.lastIndexOf('.') + 1))
			.toList();
	}

	private List<String> payloads(String userId) {
		return this.jdbc.queryForList(
				"SELECT payload::text FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number",
				String.class, userId);
	}

	/** Waits for exactly {@code count} mails to the address; oldest first. */
	private static List<MimeMessage> awaitMails(String recipient, int count) {
		List<MimeMessage> found = new ArrayList<>();
		await().until(() -> {
			found.clear();
			Stream.of(mail.getReceivedMessages()).filter((message) -> sentTo(message, recipient)).forEach(found::add);
			return found.size() >= count;
		});
		assertThat(found).hasSize(count);
		return found;
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

	private static List<String> tokens(List<MimeMessage> messages) throws Exception {
		List<String> tokens = new ArrayList<>();
		for (MimeMessage message : messages) {
			Matcher matcher = TOKEN.matcher(message.getContent().toString());
			assertThat(matcher.find()).as("a token link in the mail").isTrue();
			tokens.add(matcher.group(1));
		}
		return tokens;
	}

	private static String uniqueEmail() {
		return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.test";
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableTime {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.now());
		}

	}

	/** A clock the test moves forward; it also runs on with real time. */
	static final class MutableClock extends Clock {

		private final Instant start;

		private final long startNanos = System.nanoTime();

		private volatile Duration offset = Duration.ZERO;

		MutableClock(Instant start) {
			this.start = start;
		}

		void advance(Duration by) {
			this.offset = this.offset.plus(by);
		}

		@Override
		public Instant instant() {
			return this.start.plusNanos(System.nanoTime() - this.startNanos).plus(this.offset);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("UTC only");
		}

	}

}
