package com.gemetrics.command.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.gemetrics.command.security.SecurityTestSupport.PROBE;
import static com.gemetrics.command.security.SecurityTestSupport.get;
import static com.gemetrics.command.security.SecurityTestSupport.json;
import static com.gemetrics.command.security.SecurityTestSupport.jwtPart;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation logs nobody out: the old key stays published and accepted; new tokens use
 * the new kid.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ge.poller.enabled=false", "ge.protection.rate-limit.enabled=false",
				"ge.auth.internal-token=test-internal-token" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class KeyRotationIT {

	@Autowired
	TestRestTemplate http;

	@Autowired
	SessionTokens sessionTokens;

	@Autowired
	SigningKeys signingKeys;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void rotationKeepsOldTokensValidAndSignsNewOnesWithTheNewKey() throws Exception {
		UserId user = new UserId(UUID.randomUUID());
		TokenPair before = this.sessionTokens.startSession(user, Set.of(Role.USER));
		String oldKid = jwtPart(before.accessToken(), 0).path("kid").asText();

		this.signingKeys.rotate(Duration.ZERO);
		TokenPair after = this.sessionTokens.startSession(user, Set.of(Role.USER));
		String newKid = jwtPart(after.accessToken(), 0).path("kid").asText();

		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(json(get(this.http, "/.well-known/jwks.json", null).getBody()).path("keys").findValuesAsText("kid"))
			.contains(oldKid, newKid);
		assertThat(get(this.http, PROBE, before.accessToken()).getStatusCode().value()).isEqualTo(200);
		assertThat(get(this.http, PROBE, after.accessToken()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void successorIsPublishedBeforeItSigns() throws Exception {
		String signing = this.signingKeys.current().kid();

		this.signingKeys.rotate(Duration.ofMinutes(10));

		assertThat(this.signingKeys.current().kid()).isEqualTo(signing);
		assertThat(json(get(this.http, "/.well-known/jwks.json", null).getBody()).path("keys").size())
			.isGreaterThanOrEqualTo(2);
		this.signingKeys.rotate(Duration.ZERO);
		assertThat(this.signingKeys.current().kid()).isNotEqualTo(signing);
	}

	@Test
	void rotationIsNotDueRightAfterAKeyWasCreated() {
		this.signingKeys.rotate(Duration.ZERO);
		Integer keys = this.jdbc.queryForObject("SELECT count(*) FROM auth.signing_key", Integer.class);

		this.signingKeys.rotateIfDue();

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM auth.signing_key", Integer.class)).isEqualTo(keys);
	}

	@Test
	void privateKeysAreEncryptedAtRest() throws Exception {
		SigningKeys.SigningKey current = this.signingKeys.current();
		byte[] stored = this.jdbc.queryForObject("SELECT private_key FROM auth.signing_key WHERE kid = ?", byte[].class,
				current.kid());
		byte[] plain = current.privateKey().getEncoded();
		assertThat(stored).isNotEqualTo(plain);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1))
			.doesNotContain(new String(plain, 0, 64, StandardCharsets.ISO_8859_1));
	}

}
