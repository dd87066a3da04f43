package com.gemetrics.query.security;

import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.micrometer.core.instrument.MeterRegistry;

import com.gemetrics.platform.security.AccessTokenValidators;
import com.gemetrics.platform.security.RedisKeys;
import com.gemetrics.platform.security.RevocationCheck;
import com.gemetrics.platform.security.RevocationHealthIndicator;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verifies the command side's access tokens: RS256 only (Nimbus refuses {@code none} and
 * every other algorithm), then {@code exp} and {@code sub} present,
 * {@code exp}/{@code nbf} with the configured skew, {@code iss}, {@code aud}, and last
 * the session revocation check, so a bad token never costs a Redis call. Keys come from
 * the command side's JWKS ({@code GE_JWKS_URL}): cached, refetched for an unknown kid at
 * most once per {@code ge.auth.jwks.min-refetch-interval}, and the last copy is kept
 * while the command side does not answer. Kept apart from {@link SecurityConfig} so that
 * web slice tests can use the filter chain with a stub decoder.
 * <p>
 * The revocation check trusts a session it found active for
 * {@code ge.auth.revocation.active-cache} (1 s) before asking Redis again: a revocation
 * reaches this app within that.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisKeys.class)
class TokenVerificationConfig {

	@Bean
	JwtDecoder jwtDecoder(AuthProperties properties, RevocationCheck revocation, Clock clock)
			throws MalformedURLException {
		AuthProperties.Jwks jwks = properties.jwks();
		DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) jwks.connectTimeout().toMillis(),
				(int) jwks.readTimeout().toMillis(), 64 * 1024);
		JWKSource<SecurityContext> keys = JWKSourceBuilder
			.<SecurityContext>create(properties.jwksUrl().toURL(), retriever)
			.cache(jwks.cacheTtl().toMillis(), jwks.connectTimeout().plus(jwks.readTimeout()).toMillis())
			.rateLimited(jwks.minRefetchInterval().toMillis())
			.outageTolerant(jwks.outageTolerance().toMillis())
			.retrying(false)
			.build();
		return AccessTokenValidators.rememberingDecoder(keys, properties.clockSkew(), properties.issuer(),
				properties.audience(), revocation, clock);
	}

	@Bean
	RevocationCheck revocationCheck(StringRedisTemplate redis, RedisKeys keys, AuthProperties properties, Clock clock,
			MeterRegistry meters, @Value("${ge.auth.revocation.active-cache:1s}") Duration activeCache) {
		return new RevocationCheck(redis, keys, properties.revocationMarkerTtl(),
				properties.revocation().retryAfterFailure(), activeCache, clock, meters);
	}

	@Bean
	RevocationHealthIndicator sessionRevocation(RevocationCheck revocationCheck) {
		return new RevocationHealthIndicator(revocationCheck);
	}

}
