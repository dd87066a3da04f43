package com.gemetrics.command.security;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tokens and sessions ({@code ge.auth.*}).
 *
 * @param issuer the access tokens' {@code iss}; the query side checks the same value
 * @param audience the access tokens' {@code aud}
 * @param accessTokenTtl how long an access token lives
 * @param sessionLifetime how long a session (refresh-token family) lives from login, at
 * most
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param sessionCacheTtl TTL of the active-session entry in Redis (the seed's 30 minutes)
 * @param internalToken {@code /internal/**} requires it in {@code X-Internal-Token};
 * blank refuses start-up outside the {@code dev} profile
 * @param keys signing keys
 * @param revocation the revocation check
 */
@Validated
@ConfigurationProperties("ge.auth")
record AuthProperties(@NotBlank @DefaultValue("ge-metrics") String issuer,
		@NotBlank @DefaultValue("ge-metrics-api") String audience,
		@NotNull @DefaultValue("15m") Duration accessTokenTtl, @NotNull @DefaultValue("30d") Duration sessionLifetime,
		@NotNull @DefaultValue("30s") Duration clockSkew, @NotNull @DefaultValue("30m") Duration sessionCacheTtl,
		String internalToken, @Valid @NotNull @DefaultValue Keys keys,
		@Valid @NotNull @DefaultValue Revocation revocation) {

	/**
	 * How long a revocation marker must outlive the revocation: every access token issued
	 * before has expired.
	 */
	Duration revocationMarkerTtl() {
		return this.accessTokenTtl.plus(this.clockSkew).plusMinutes(1);
	}

	/**
	 * Signing keys.
	 *
	 * @param secret encrypts the private keys at rest (AES-256-GCM); blank means the
	 * insecure development default, logged as a warning
	 * @param rotationInterval how long a key signs before its successor takes over
	 * @param publishAhead how long a successor is in the JWKS before it signs, so that
	 * every cache of the JWKS already holds it
	 * @param checkInterval how often each instance reloads the keys and checks whether a
	 * rotation is due
	 * @param unknownKidReloadInterval at most one reload from the database per interval
	 * when a token names a key this instance does not know
	 * @param jwksMaxAge {@code Cache-Control: max-age} of the JWKS answer
	 * @param rsaBits RSA modulus size
	 */
	record Keys(String secret, @NotNull @DefaultValue("24h") Duration rotationInterval,
			@NotNull @DefaultValue("10m") Duration publishAhead, @NotNull @DefaultValue("1m") Duration checkInterval,
			@NotNull @DefaultValue("10s") Duration unknownKidReloadInterval,
			@NotNull @DefaultValue("60s") Duration jwksMaxAge, @Min(2048) @DefaultValue("2048") int rsaBits) {
	}

	/**
	 * The revocation check against Redis.
	 *
	 * @param retryAfterFailure after a failed Redis call, skip Redis (answer from this
	 * instance's memory of revocations) for this long
	 */
	record Revocation(@NotNull @DefaultValue("1s") Duration retryAfterFailure) {
	}

}
