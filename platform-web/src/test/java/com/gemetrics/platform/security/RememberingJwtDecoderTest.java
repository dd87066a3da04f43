package com.gemetrics.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RememberingJwtDecoderTest {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private final TestClock clock = new TestClock();

	private final AtomicInteger verifications = new AtomicInteger();

	private final Set<String> revokedSessions = new HashSet<>();

	/**
	 * Accepts tokens named "good-*" (15 minutes from the first verification), refuses
	 * others.
	 */
	private final JwtDecoder signatureCheck = (token) -> {
		this.verifications.incrementAndGet();
		if (!token.startsWith("good-")) {
			throw new BadJwtException("bad signature");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("user-1")
			.claim("sid", token.substring("good-".length()))
			.issuedAt(this.clock.instant())
			.expiresAt(this.clock.instant().plus(Duration.ofMinutes(15)))
			.build();
	};

	private final OAuth2TokenValidator<Jwt> revocation = (
			jwt) -> this.revokedSessions.contains(jwt.getClaimAsString("sid"))
					? OAuth2TokenValidatorResult
						.failure(new OAuth2Error("invalid_token", "The session has ended.", null))
					: OAuth2TokenValidatorResult.success();

	private final RememberingJwtDecoder decoder = new RememberingJwtDecoder(this.signatureCheck, this.revocation,
			this.clock, 100);

	@Test
	void verifiesARepeatedTokenOnce() {
		Jwt first = this.decoder.decode("good-a");
		Jwt again = this.decoder.decode("good-a");

		assertThat(again).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
		this.decoder.decode("good-b");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void refusesARememberedTokenOnceItsSessionIsRevoked() {
		this.decoder.decode("good-a");
		this.revokedSessions.add("a");

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.decoder.decode("good-a"))
			.withMessageContaining("The session has ended.");
	}

	@Test
	void neverRemembersARefusedToken() {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode("forged"));

		assertThat(this.verifications).hasValue(2);
		assertThat(this.decoder.size()).isZero();
	}

	@Test
	void verifiesAgainOnceTheRememberedTokenHasExpired() {
		this.decoder.decode("good-a");
		this.clock.advance(Duration.ofMinutes(16));

		this.decoder.decode("good-a");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void remembersAtMostTheConfiguredNumberOfTokens() {
		for (int i = 0; i < 500; i++) {
			this.decoder.decode("good-" + i);
		}

		assertThat(this.decoder.size()).isLessThanOrEqualTo(100);
	}

	/** A clock the tests move by hand. */
	private static final class TestClock extends Clock {

		private Instant now = NOW;

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
