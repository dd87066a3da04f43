package com.gemetrics.query.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.gemetrics.platform.security.RevocationCheck;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class VerifiedTokensTest {

	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	final JwtDecoder decoder = mock(JwtDecoder.class);

	final RevocationCheck revocation = mock(RevocationCheck.class);

	@Test
	void verifiesATokenOnceAndRemembersItUntilItExpires() {
		given(this.decoder.decode("good")).willReturn(jwt(NOW.plus(Duration.ofMinutes(15))));
		VerifiedTokens tokens = new VerifiedTokens(this.decoder, this.revocation, clockAt(NOW));

		assertThat(tokens.isValid("good")).isTrue();
		assertThat(tokens.isValid("good")).isTrue();

		verify(this.decoder, times(1)).decode("good");
		verify(this.revocation, times(2)).isRevoked("session-1", "user-1", 1_700_000_000L);
	}

	@Test
	void refusesWhatTheDecoderRefusesAndDoesNotRememberIt() {
		given(this.decoder.decode("forged")).willThrow(new BadJwtException("bad signature"));
		VerifiedTokens tokens = new VerifiedTokens(this.decoder, this.revocation, clockAt(NOW));

		assertThat(tokens.isValid("forged")).isFalse();
		assertThat(tokens.isValid("forged")).isFalse();

		verify(this.decoder, times(2)).decode("forged");
	}

	@Test
	void refusesARememberedTokenOnceItsSessionIsRevoked() {
		given(this.decoder.decode("good")).willReturn(jwt(NOW.plus(Duration.ofMinutes(15))));
		VerifiedTokens tokens = new VerifiedTokens(this.decoder, this.revocation, clockAt(NOW));
		assertThat(tokens.isValid("good")).isTrue();

		given(this.revocation.isRevoked(anyString(), anyString(), anyLong())).willReturn(true);

		assertThat(tokens.isValid("good")).isFalse();
	}

	@Test
	void verifiesARememberedTokenAgainOnceItHasExpired() {
		given(this.decoder.decode("good")).willReturn(jwt(NOW.plusSeconds(60)));
		Instant[] now = { NOW };
		Clock clock = new Clock() {
			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return now[0];
			}
		};
		VerifiedTokens tokens = new VerifiedTokens(this.decoder, this.revocation, clock);
		assertThat(tokens.isValid("good")).isTrue();
		given(this.decoder.decode("good")).willThrow(new BadJwtException("expired"));
		assertThat(tokens.isValid("good")).isTrue();

		now[0] = NOW.plusSeconds(61);

		assertThat(tokens.isValid("good")).isFalse();
		verify(this.decoder, times(2)).decode("good");
	}

	static Jwt jwt(Instant expiresAt) {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("user-1")
			.claim("sid", "session-1")
			.claim("auth_time", 1_700_000_000L)
			.issuedAt(expiresAt.minus(Duration.ofMinutes(15)))
			.expiresAt(expiresAt)
			.build();
	}

	static Clock clockAt(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

}
