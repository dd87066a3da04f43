package com.gemetrics.command.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.SecretKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.RegisterUserCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.api.user.UserRegistrationSupersededEvent;
import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.platform.privacy.DataKeyStore;
import com.gemetrics.platform.privacy.PersonalData;
import com.gemetrics.platform.privacy.PersonalDataCipher;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DuplicateKeyException;
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
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Accounts over real HTTP against the real PostgreSQL and Redis, with mail through
 * GreenMail and the real session tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.mail.poll-interval=100ms", "ge.auth.login.account-threshold=3",
				"ge.auth.login.ip-threshold=1000", "ge.auth.login.first-delay=30s",
				"ge.auth.bootstrap-admin-email=" + AccountsIT.BOOTSTRAP_ADMIN,
				"ge.auth.public-base-url=https://app.example.test" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class AccountsIT {

	static final String BOOTSTRAP_ADMIN = "Boss@Example.test";

	static final String PASSWORD = "correct horse battery staple";

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
	CommandGateway commands;

	@Autowired
	TransactionOperations transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DataKeyStore dataKeys;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	PersonalData personalData;

	@BeforeEach
	void purgeMail() throws Exception {
		mail.purgeEmailFromAllMailboxes();
	}

	@Test
	void registersVerifiesByMailedLinkAndLogsIn() throws Exception {
		String email = uniqueEmail();

		ResponseEntity<JsonNode> registered = register(email, PASSWORD, "Zezima");

		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String userId = registered.getBody().get("userId").textValue();
		assertThat(account(userId).get("email_verified")).isEqualTo(false);
		MimeMessage verification = awaitMail(email);
		assertThat(verification.getSubject()).contains("Confirm");
		String link = body(verification);
		assertThat(link).contains("https://app.example.test/verify-email?token=");
		String token = token(verification);
		ResponseEntity<JsonNode> unverified = login(email, PASSWORD);
		assertThat(unverified.getStatusCode()).isEqualTo(HttpStatus.OK);
		String bearer = unverified.getBody().get("accessToken").textValue();
		assertThat(SecurityClaims.roles(bearer)).isEmpty();

		ResponseEntity<JsonNode> anonymous = post("/api/v1/auth/verify-email", Map.of("token", token));
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(account(userId).get("email_verified")).isEqualTo(false);
		assertThat(postAs(bearer, "/api/v1/auth/verify-email", Map.of("token", token)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(account(userId).get("email_verified")).isEqualTo(true);
		ResponseEntity<JsonNode> again = postAs(bearer, "/api/v1/auth/verify-email", Map.of("token", token));
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(again.getBody().get("code").textValue()).isEqualTo("TOKEN_INVALID");
		String refreshed = post("/api/v1/auth/refresh",
				Map.of("refreshToken", unverified.getBody().get("refreshToken").textValue()))
			.getBody()
			.get("accessToken")
			.textValue();
		assertThat(SecurityClaims.roles(refreshed)).containsExactly("USER");

		ResponseEntity<JsonNode> login = login(email.toUpperCase(), PASSWORD);
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(login.getBody().get("accessToken").textValue()).isNotBlank();
		assertThat(SecurityClaims.roles(login.getBody().get("accessToken").textValue())).containsExactly("USER");
		assertThat(login.getBody().get("refreshToken").textValue()).isNotBlank();
		assertThat(login.getBody().get("expiresIn").longValue()).isPositive();
		assertThat(login.getHeaders().getCacheControl()).contains("no-store");
		assertThat(eventTypes(userId)).containsExactly("UserRegisteredEvent", "UserLoggedInEvent", "EmailVerifiedEvent",
				"UserLoggedInEvent");
		assertThat(payloads(userId)).noneMatch(
				(payload) -> payload.contains(PASSWORD) || payload.contains(token) || payload.contains("argon2"));
		assertThat(payloads(userId)).as("the address and name are encrypted in the events (ADR 22)")
			.noneMatch((payload) -> payload.toLowerCase().contains(email.toLowerCase()) || payload.contains("Zezima"));
		assertThat(this.jdbc.queryForObject("SELECT password_hash FROM auth.credential WHERE user_id = ?::uuid",
				String.class, userId))
			.startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM auth.mail_outbox WHERE body IS NOT NULL", Integer.class))
			.isZero();
	}

	@Test
	void refusesASecondAccountForAVerifiedAddressInAnyCase() throws Exception {
		String email = uniqueEmail();
		registerAndVerify(email, PASSWORD);

		ResponseEntity<JsonNode> second = register(email.toUpperCase(), PASSWORD, "Second");

		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(second.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(second.getBody().get("code").textValue()).isEqualTo("EMAIL_TAKEN");
		assertThat(accountsWithEmail(email)).isEqualTo(1);
	}

	@Test
	void twoConcurrentRegistrationsOfOneAddressLeaveOneAccountHoldingIt() throws Exception {
		String email = uniqueEmail();
		CountDownLatch start = new CountDownLatch(1);
		Callable<HttpStatus> attempt = () -> {
			start.await();
			return HttpStatus.valueOf(register(email, PASSWORD, "Racer").getStatusCode().value());
		};
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<HttpStatus> one = threads.submit(attempt);
			Future<HttpStatus> two = threads.submit(attempt);
			start.countDown();

			assertThat(List.of(one.get(), two.get())).containsExactly(HttpStatus.CREATED, HttpStatus.CREATED);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(accountsWithEmail(email)).isEqualTo(1);
		assertThat(this.jdbc
			.queryForList("SELECT aggregate_identifier, payload::text FROM event_log WHERE payload_type = ?",
					UserRegisteredEvent.class.getName())
			.stream()
			.map((row) -> emailOf(row.get("aggregate_identifier").toString(), row.get("payload").toString()))
			.filter(email::equalsIgnoreCase)
			.count()).isEqualTo(2);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM event_log e JOIN auth.account a ON a.user_id::text = e.aggregate_identifier "
						+ "WHERE e.payload_type = ? AND lower(a.email) = lower(?)",
				Integer.class, UserRegistrationSupersededEvent.class.getName(), email))
			.isEqualTo(1);
	}

	@Test
	void theUniqueEmailKeyRollsBackTheEventAppendOfALosingRegistration() {
		String email = uniqueEmail();
		assertThat(register(email, PASSWORD, "Winner").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		UserId loser = new UserId(UUID.randomUUID());

		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			SecretKey key = this.dataKeys.createIfMissing(loser, Instant.now()).orElseThrow();
			this.commands
				.sendAndWait(new RegisterUserCommand(loser, this.cipher.encrypt(loser, key, email.toUpperCase()),
						this.cipher.encrypt(loser, key, "Loser"), Instant.now()));
		})).satisfies((ex) -> assertThat(causes(ex)).anyMatch(DuplicateKeyException.class::isInstance));

		assertThat(eventTypes(loser.toString())).isEmpty();
		assertThat(accountsWithEmail(email)).isEqualTo(1);
	}

	@Test
	void wrongPasswordAndUnknownAddressGetTheSameAnswer() {
		String email = uniqueEmail();
		String userId = register(email, PASSWORD, "Known").getBody().get("userId").textValue();

		ResponseEntity<JsonNode> wrongPassword = login(email, "not the password at all");
		ResponseEntity<JsonNode> unknown = login(uniqueEmail(), PASSWORD);

		for (ResponseEntity<JsonNode> response : List.of(wrongPassword, unknown)) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(wrongPassword.getBody().get("code")).isEqualTo(unknown.getBody().get("code"));
		assertThat(wrongPassword.getBody().get("detail")).isEqualTo(unknown.getBody().get("detail"));
		assertThat(wrongPassword.getBody().get("code").textValue()).isEqualTo("INVALID_CREDENTIALS");
		assertThat(eventTypes(userId)).containsExactly("UserRegisteredEvent", "LoginFailedEvent");
	}

	@Test
	void failedLoginsBackOffPerAccountWhetherOrNotItExists() {
		String email = uniqueEmail();
		String userId = register(email, PASSWORD, "Target").getBody().get("userId").textValue();
		String stranger = uniqueEmail();
		for (int i = 0; i < 3; i++) {
			assertThat(login(email, "wrong password " + i).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(login(stranger, "wrong password " + i).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		ResponseEntity<JsonNode> known = login(email, PASSWORD);
		ResponseEntity<JsonNode> unknown = login(stranger, PASSWORD);

		for (ResponseEntity<JsonNode> response : List.of(known, unknown)) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
			assertThat(response.getBody().get("code").textValue()).isEqualTo("LOGIN_THROTTLED");
			assertThat(Long.parseLong(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 30L);
		}
		assertThat(payloads(userId)).filteredOn((payload) -> payload.contains("\"reason\""))
			.hasSize(4)
			.last()
			.asString()
			.contains("THROTTLED");
		assertThat(login(uniqueEmail(), PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void resetsAForgottenPasswordByMailedLinkAndEndsEverySession() throws Exception {
		String email = uniqueEmail();
		registerAndVerify(email, PASSWORD);
		String refreshToken = login(email, PASSWORD).getBody().get("refreshToken").textValue();

		assertThat(post("/api/v1/auth/password-reset-requests", Map.of("email", email)).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		MimeMessage reset = awaitMail(email);
		assertThat(body(reset)).contains("https://app.example.test/reset-password?token=");
		String token = token(reset);
		String newPassword = "an entirely new passphrase";

		assertThat(post("/api/v1/auth/password-resets", Map.of("token", token, "newPassword", newPassword))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(login(email, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(login(email, newPassword).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken)).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		ResponseEntity<JsonNode> reused = post("/api/v1/auth/password-resets",
				Map.of("token", token, "newPassword", "yet another new passphrase"));
		assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(reused.getBody().get("code").textValue()).isEqualTo("TOKEN_INVALID");
	}

	@Test
	void mailsNothingButTheVerificationToAnUnverifiedAddress() {
		String email = uniqueEmail();
		assertThat(register(email, PASSWORD, "Unverified").getStatusCode()).isEqualTo(HttpStatus.CREATED);

		assertThat(post("/api/v1/auth/password-reset-requests", Map.of("email", email)).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		assertThat(post("/api/v1/auth/password-reset-requests", Map.of("email", uniqueEmail())).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);

		await().until(() -> this.jdbc.queryForObject(
				"SELECT count(*) FROM auth.mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL",
				Integer.class) == 0);
		assertThat(this.jdbc.queryForList("SELECT kind FROM auth.mail_outbox WHERE lower(recipient) = lower(?)",
				String.class, email))
			.containsExactly(AccountMails.VERIFICATION);
		assertThat(Stream.of(mail.getReceivedMessages()).map(AccountsIT::subject))
			.containsExactly("Confirm your GE-Metrics e-mail address");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM auth.password_reset_token t "
						+ "JOIN auth.account a ON a.user_id = t.user_id WHERE a.email_key = lower(?)",
				Integer.class, email))
			.isZero();
	}

	@Test
	void changesThePasswordOfALoggedInUserWhoKnowsTheCurrentOneAndEndsTheirOtherSessions() {
		String email = uniqueEmail();
		register(email, PASSWORD, "Changer");
		JsonNode session = login(email, PASSWORD).getBody();
		String bearer = session.get("accessToken").textValue();
		JsonNode other = login(email, PASSWORD).getBody();
		String newPassword = "a better passphrase than before";

		ResponseEntity<JsonNode> wrong = postAs(bearer, "/api/v1/auth/password-changes",
				Map.of("currentPassword", "not my password", "newPassword", newPassword));
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(wrong.getBody().get("code").textValue()).isEqualTo("CURRENT_PASSWORD_INCORRECT");

		assertThat(postAs(bearer, "/api/v1/auth/password-changes",
				Map.of("currentPassword", PASSWORD, "newPassword", newPassword))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(login(email, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(login(email, newPassword).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", other.get("refreshToken").textValue()))
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(postAs(other.get("accessToken").textValue(), "/api/v1/auth/password-changes",
				Map.of("currentPassword", newPassword, "newPassword", "whatever else entirely"))
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		// the caller's own session goes on
		assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", session.get("refreshToken").textValue()))
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(postAs(null, "/api/v1/auth/password-changes",
				Map.of("currentPassword", newPassword, "newPassword", "whatever else entirely"))
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void resendsTheVerificationMailOncePerCooldown() throws Exception {
		String email = uniqueEmail();
		register(email, PASSWORD, "Resender");
		awaitMail(email);
		mail.purgeEmailFromAllMailboxes();
		String bearer = login(email, PASSWORD).getBody().get("accessToken").textValue();

		assertThat(postAs(bearer, "/api/v1/auth/verification-emails", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		ResponseEntity<JsonNode> tooSoon = postAs(bearer, "/api/v1/auth/verification-emails", Map.of());

		assertThat(tooSoon.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(tooSoon.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		String token = token(awaitMail(email));
		assertThat(postAs(bearer, "/api/v1/auth/verify-email", Map.of("token", token)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
	}

	@Test
	void countsEachRegistrationReachingTheServiceByOutcome() throws Exception {
		String email = uniqueEmail();
		Map<String, Double> before = signups();

		registerAndVerify(email, PASSWORD);
		assertThat(register(uniqueEmail(), "Password123", "Weak").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(register(email.toUpperCase(), PASSWORD, "Again").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(postRaw("/api/v1/auth/register", "{\"email\":\"no-at-sign\"}", null).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);

		Map<String, Double> after = signups();
		Map<String, Double> moved = new TreeMap<>();
		after.forEach((series, count) -> {
			double delta = count - before.getOrDefault(series, 0.0);
			if (delta != 0.0) {
				moved.put(series, delta);
			}
		});
		assertThat(moved)
			.isEqualTo(Map.of("succeeded/none", 1.0, "refused/password_too_common", 1.0, "refused/email_taken", 1.0));
	}

	@Test
	void acceptsAnyUnicodePassphraseAndComparesItNormalized() {
		String email = uniqueEmail();
		String composed = "Gr\u00fc\u00dfe aus K\u00f6ln \ud83d\udc34 und mehr";
		String decomposed = "Gru\u0308\u00dfe aus Ko\u0308ln \ud83d\udc34 und mehr";

		assertThat(register(email, composed, "\u30bc\u30b8\u30de").getStatusCode()).isEqualTo(HttpStatus.CREATED);

		assertThat(login(email, decomposed).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(register(uniqueEmail(), "x".repeat(1024), "Long").getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void bootstrapAdminGrantsAndRevokesRoles() throws Exception {
		String adminEmail = BOOTSTRAP_ADMIN.toLowerCase();
		if (this.jdbc.queryForObject("SELECT count(*) FROM auth.account WHERE email_key = ?", Integer.class,
				adminEmail) == 0) {
			registerAndVerify(BOOTSTRAP_ADMIN, PASSWORD);
		}
		String admin = login(BOOTSTRAP_ADMIN, PASSWORD).getBody().get("accessToken").textValue();
		String email = uniqueEmail();
		String userId = register(email, PASSWORD, "Auditor").getBody().get("userId").textValue();
		String auditor = "/api/v1/admin/users/" + userId + "/roles/auditor";
		assertThat(code(exchange(HttpMethod.PUT, admin, auditor))).isEqualTo("EMAIL_NOT_VERIFIED");
		assertThat(roles(userId)).isEmpty();
		verify(email, PASSWORD, token(awaitMail(email)));

		assertThat(exchange(HttpMethod.PUT, admin, auditor).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(exchange(HttpMethod.PUT, admin, auditor).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(roles(userId)).containsExactlyInAnyOrder("USER", "AUDITOR");
		assertThat(exchange(HttpMethod.DELETE, admin, auditor).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(roles(userId)).containsExactly("USER");
		assertThat(eventTypes(userId)).containsExactly("UserRegisteredEvent", "UserLoggedInEvent", "EmailVerifiedEvent",
				"RoleGrantedEvent", "RoleRevokedEvent");

		String user = login(email, PASSWORD).getBody().get("accessToken").textValue();
		assertThat(exchange(HttpMethod.PUT, user, auditor).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(exchange(HttpMethod.PUT, null, auditor).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(code(exchange(HttpMethod.PUT, admin, "/api/v1/admin/users/" + UUID.randomUUID() + "/roles/auditor")))
			.isEqualTo("USER_NOT_FOUND");
		assertThat(code(exchange(HttpMethod.PUT, admin, "/api/v1/admin/users/" + userId + "/roles/premium")))
			.isEqualTo("UNKNOWN_ROLE");
		assertThat(code(exchange(HttpMethod.PUT, admin, "/api/v1/admin/users/not-a-uuid/roles/auditor")))
			.isEqualTo("INVALID_PARAMETER");
		assertThat(code(exchange(HttpMethod.DELETE, admin, "/api/v1/admin/users/" + userId + "/roles/user")))
			.isEqualTo("BASE_ROLE_REQUIRED");
		assertThat(roles(userId)).containsExactly("USER");
	}

	static Stream<Arguments> badRegistrations() {
		String ok = "{\"email\":\"bad-input@example.test\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Ok\"}";
		return Stream.of(Arguments.of("malformed JSON", "{\"email\":", "BAD_REQUEST"),
				Arguments.of("empty body", "", "BAD_REQUEST"), Arguments.of("array", "[1]", "BAD_REQUEST"),
				Arguments.of("missing email", ok.replace("\"email\":\"bad-input@example.test\",", ""),
						"VALIDATION_FAILED"),
				Arguments.of("missing password", ok.replace("\"password\":\"" + PASSWORD + "\",", ""),
						"VALIDATION_FAILED"),
				Arguments.of("missing display name", ok.replace(",\"displayName\":\"Ok\"", ""), "VALIDATION_FAILED"),
				Arguments.of("email object", ok.replace("\"bad-input@example.test\"", "{\"a\":1}"), "BAD_REQUEST"),
				Arguments.of("password array", ok.replace("\"" + PASSWORD + "\"", "[1,2]"), "BAD_REQUEST"),
				Arguments.of("email too long", ok.replace("bad-input@", "a".repeat(60) + "@" + "b".repeat(190) + "."),
						"VALIDATION_FAILED"),
				Arguments.of("email with BEL", ok.replace("bad-input@", "bad\\u0007input@"), "VALIDATION_FAILED"),
				Arguments.of("email with newline", ok.replace("bad-input@", "bad\\ninput@"), "VALIDATION_FAILED"),
				Arguments.of("email with space", ok.replace("bad-input@", "bad input@"), "VALIDATION_FAILED"),
				Arguments.of("email without @", ok.replace("bad-input@", "bad-input."), "VALIDATION_FAILED"),
				Arguments.of("email without domain dot", ok.replace("example.test", "localhost"), "VALIDATION_FAILED"),
				Arguments.of("empty display name", ok.replace("\"Ok\"", "\"\""), "VALIDATION_FAILED"),
				Arguments.of("blank display name", ok.replace("\"Ok\"", "\"   \""), "VALIDATION_FAILED"),
				Arguments.of("display name too long", ok.replace("\"Ok\"", "\"" + "n".repeat(51) + "\""),
						"VALIDATION_FAILED"),
				Arguments.of("display name with NUL", ok.replace("\"Ok\"", "\"O\\u0000k\""), "VALIDATION_FAILED"),
				Arguments.of("display name with bidi override", ok.replace("\"Ok\"", "\"O\\u202Ek\""),
						"VALIDATION_FAILED"),
				Arguments.of("password too short", ok.replace(PASSWORD, "short pw"), "PASSWORD_TOO_SHORT"),
				Arguments.of("password too long", ok.replace(PASSWORD, "p".repeat(1025)), "PASSWORD_TOO_LONG"),
				Arguments.of("common password", ok.replace(PASSWORD, "Password123"), "PASSWORD_TOO_COMMON"), Arguments
					.of("common password in other case", ok.replace(PASSWORD, "QWERTYUIOP"), "PASSWORD_TOO_COMMON"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRegistrations")
	void refusesBadRegistrationsAs400ProblemJsonAndStoresNothing(String name, String body, String code) {
		ResponseEntity<JsonNode> response = postRaw("/api/v1/auth/register", body, null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("code").textValue()).isEqualTo(code);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM auth.account WHERE email_key LIKE '%bad%input%'",
				Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM event_log WHERE payload::text LIKE '%bad%input%'",
				Integer.class))
			.isZero();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokenRequests")
	void refusesBadInputToTheOtherPublicEndpointsAs400(String path, String body) {
		ResponseEntity<JsonNode> response = postRaw(path, body, null);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("code").textValue()).isNotBlank();
	}

	static Stream<Arguments> badTokenRequests() {
		return Stream.of(Arguments.of("/api/v1/auth/login", "{\"email\":\"a@b.test\"}"),
				Arguments.of("/api/v1/auth/login", "{\"email\":\"a\\u0000@b.test\",\"password\":\"x\"}"),
				Arguments.of("/api/v1/auth/login",
						"{\"email\":\"a@b.test\",\"password\":\"" + "p".repeat(4097) + "\"}"),
				Arguments.of("/api/v1/auth/verify-email", "{\"token\":\"short\"}"),
				Arguments.of("/api/v1/auth/verify-email", "{\"token\":\"../../etc/passwd/../../../../x\"}"),
				Arguments.of("/api/v1/auth/verify-email", "{}"),
				Arguments.of("/api/v1/auth/password-reset-requests", "{\"email\":\"nobody\"}"),
				Arguments.of("/api/v1/auth/password-resets", "{\"token\":\"" + "a".repeat(43) + "\"}"),
				Arguments.of("/api/v1/auth/password-resets",
						"{\"token\":\"" + "a".repeat(43) + "\",\"newPassword\":\"too short\"}"));
	}

	private void registerAndVerify(String email, String password) throws Exception {
		assertThat(register(email, password, "Verified").getStatusCode()).isEqualTo(HttpStatus.CREATED);
		verify(email, password, token(awaitMail(email)));
		mail.purgeEmailFromAllMailboxes();
	}

	/** Logs in (unverified) and follows the mailed link as that account. */
	private void verify(String email, String password, String token) {
		String bearer = login(email, password).getBody().get("accessToken").textValue();
		assertThat(postAs(bearer, "/api/v1/auth/verify-email", Map.of("token", token)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
	}

	private Map<String, Double> signups() {
		Map<String, Double> counts = new TreeMap<>();
		for (Counter counter : this.meters.find(SignupMetrics.SIGNUPS).counters()) {
			counts.put(counter.getId().getTag("outcome") + "/" + counter.getId().getTag("reason"), counter.count());
		}
		return counts;
	}

	private ResponseEntity<JsonNode> register(String email, String password, String displayName) {
		return post("/api/v1/auth/register", Map.of("email", email, "password", password, "displayName", displayName));
	}

	private ResponseEntity<JsonNode> login(String email, String password) {
		return post("/api/v1/auth/login", Map.of("email", email, "password", password));
	}

	private ResponseEntity<JsonNode> post(String path, Map<String, String> body) {
		return postAs(null, path, body);
	}

	private ResponseEntity<JsonNode> postAs(String bearer, String path, Map<String, String> body) {
		try {
			return postRaw(path, this.json.writeValueAsString(body), bearer);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<JsonNode> postRaw(String path, String body, String bearer) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
	}

	private ResponseEntity<JsonNode> exchange(HttpMethod method, String bearer, String path) {
		HttpHeaders headers = new HttpHeaders();
		if (bearer != null) {
			headers.setBearerAuth(bearer);
		}
		return this.http.exchange(path, method, new HttpEntity<>(headers), JsonNode.class);
	}

	private static String code(ResponseEntity<JsonNode> response) {
		return response.getBody().get("code").textValue();
	}

	private Map<String, Object> account(String userId) {
		return this.jdbc.queryForMap("SELECT * FROM auth.account WHERE user_id = ?::uuid", userId);
	}

	private List<String> roles(String userId) {
		return this.jdbc.queryForList("SELECT unnest(roles) FROM auth.account WHERE user_id = ?::uuid", String.class,
				userId);
	}

	private int accountsWithEmail(String email) {
		return this.jdbc.queryForObject("SELECT count(*) FROM auth.account WHERE email_key = lower(?)", Integer.class,
				email);
	}

	private List<String> eventTypes(String userId) {
		return this.jdbc
			.queryForList("SELECT payload_type FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number",
					String.class, userId)
			.stream()
			.map((type) -> type.substring(type.lastIndexOf('.') + 1))
			.toList();
	}

	private String emailOf(String userId, String payload) {
		try {
			EncryptedValue value = this.json.treeToValue(this.json.readTree(payload).get("email"),
					EncryptedValue.class);
			return this.personalData.reveal(UserId.of(userId), value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> payloads(String userId) {
		return this.jdbc.queryForList(
				"SELECT payload::text FROM event_log WHERE aggregate_identifier = ? ORDER BY sequence_number",
				String.class, userId);
	}

	private static MimeMessage awaitMail(String recipient) {
		List<MimeMessage> found = new ArrayList<>();
		await().until(() -> {
			found.clear();
			Stream.of(mail.getReceivedMessages()).filter((message) -> sentTo(message, recipient)).forEach(found::add);
			return !found.isEmpty();
		});
		assertThat(found).hasSize(1);
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

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String body(MimeMessage message) throws Exception {
		return message.getContent().toString();
	}

	private static String token(MimeMessage message) throws Exception {
		Matcher matcher = TOKEN.matcher(body(message));
		assertThat(matcher.find()).as("a token link in the mail").isTrue();
		return matcher.group(1);
	}

	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static String uniqueEmail() {
		return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.test";
	}

}
