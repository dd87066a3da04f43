package com.gemetrics.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The checks both apps run on an access token once its signature holds (ADR 8): in order,
 * and the first failure answers, so the dearer revocation check runs last.
 */
public final class AccessTokenValidators {

	/** Verified access tokens remembered at most (ADR 8). */
	public static final long REMEMBERED_TOKENS = 20_000;

	private AccessTokenValidators() {
	}

	/**
	 * A decoder that checks a new token's signature (RS256 only: Nimbus refuses
	 * {@code none} and every other algorithm) with a key of {@code keys}, then
	 * {@link #onFirstUse}, and remembers it ({@value #REMEMBERED_TOKENS} tokens at most),
	 * checking only {@link #onEveryUse} when it comes again.
	 * @param keys the verification keys
	 * @param clockSkew tolerated clock difference
	 * @param issuer the expected {@code iss}
	 * @param audience the audience {@code aud} must contain
	 * @param revocation the session revocation check
	 * @param clock the time
	 * @return the decoder both apps' security chains use
	 */
	public static RememberingJwtDecoder rememberingDecoder(JWKSource<SecurityContext> keys, Duration clockSkew,
			String issuer, String audience, OAuth2TokenValidator<Jwt> revocation, Clock clock) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(onFirstUse(clockSkew, issuer, audience, revocation, clock));
		return new RememberingJwtDecoder(decoder, onEveryUse(clockSkew, revocation, clock), clock, REMEMBERED_TOKENS);
	}

	/**
	 * Everything a new token must pass: {@code exp} and {@code sub} present, times within
	 * the skew, our issuer and audience, and its session not revoked.
	 * @param clockSkew tolerated clock difference
	 * @param issuer the expected {@code iss}
	 * @param audience the audience {@code aud} must contain
	 * @param revocation the session revocation check
	 * @param clock the time
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> onFirstUse(Duration clockSkew, String issuer, String audience,
			OAuth2TokenValidator<Jwt> revocation, Clock clock) {
		return firstFailure(List.of(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtClaimValidator<Object>(JwtClaimNames.SUB, Objects::nonNull), timestamps(clockSkew, clock),
				new JwtIssuerValidator(issuer),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, (aud) -> aud != null && aud.contains(audience)),
				revocation));
	}

	/**
	 * What a token verified before must still pass on each use: not expired, session not
	 * revoked.
	 * @param clockSkew tolerated clock difference
	 * @param revocation the session revocation check
	 * @param clock the time
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> onEveryUse(Duration clockSkew, OAuth2TokenValidator<Jwt> revocation,
			Clock clock) {
		return firstFailure(List.of(timestamps(clockSkew, clock), revocation));
	}

	private static JwtTimestampValidator timestamps(Duration clockSkew, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
		timestamps.setClock(clock);
		return timestamps;
	}

	private static OAuth2TokenValidator<Jwt> firstFailure(List<OAuth2TokenValidator<Jwt>> validators) {
		return (jwt) -> {
			for (OAuth2TokenValidator<Jwt> validator : validators) {
				OAuth2TokenValidatorResult result = validator.validate(jwt);
				if (result.hasErrors()) {
					return result;
				}
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

}
