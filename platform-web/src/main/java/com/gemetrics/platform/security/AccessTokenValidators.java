package com.gemetrics.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The checks both apps run on an access token once its signature holds (ADR 8): in order,
 * and the first failure answers, so the dearer revocation check runs last.
 */
public final class AccessTokenValidators {

	private AccessTokenValidators() {
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
