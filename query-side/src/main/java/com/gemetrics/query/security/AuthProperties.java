package com.gemetrics.query.security;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Verifying the command side's access tokens ({@code ge.auth.*}).
 *
 * @param jwksUrl the command side's JWKS ({@code GE_JWKS_URL})
 * @param issuer the expected {@code iss}, as the command side issues it
 * @param audience the expected {@code aud}
 * @param accessTokenTtl the command side's access token lifetime (how long revocations
 * are remembered)
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param jwks fetching the JWKS
 * @param revocation the revocation check
 */
@Validated
@ConfigurationProperties("ge.auth")
record AuthProperties(@NotNull @DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") URI jwksUrl,
		@NotBlank @DefaultValue("ge-metrics") String issuer, @NotBlank @DefaultValue("ge-metrics-api") String audience,
		@NotNull @DefaultValue("15m") Duration accessTokenTtl, @NotNull @DefaultValue("30s") Duration clockSkew,
		@Valid @NotNull @DefaultValue Jwks jwks, @Valid @NotNull @DefaultValue Revocation revocation) {

	/**
	 * How long a revocation is remembered: every access token it covers has expired by
	 * then.
	 */
	Duration revocationMarkerTtl() {
		return this.accessTokenTtl.plus(this.clockSkew).plusMinutes(1);
	}

	/**
	 * Fetching the JWKS.
	 *
	 * @param cacheTtl how long a fetched JWKS is used before it is fetched again
	 * @param minRefetchInterval at most one fetch per interval for tokens naming an
	 * unknown kid
	 * @param outageTolerance how long the last JWKS is used while the command side does
	 * not answer
	 * @param connectTimeout connect timeout
	 * @param readTimeout read timeout
	 */
	record Jwks(@NotNull @DefaultValue("5m") Duration cacheTtl,
			@NotNull @DefaultValue("10s") Duration minRefetchInterval,
			@NotNull @DefaultValue("1h") Duration outageTolerance, @NotNull @DefaultValue("1s") Duration connectTimeout,
			@NotNull @DefaultValue("2s") Duration readTimeout) {
	}

	/**
	 * The revocation check against Redis.
	 *
	 * @param retryAfterFailure after a failed Redis call, skip Redis for this long
	 */
	record Revocation(@NotNull @DefaultValue("1s") Duration retryAfterFailure) {
	}

}
