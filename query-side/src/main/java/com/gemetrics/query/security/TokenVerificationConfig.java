package com.gemetrics.query.security;

import java.net.MalformedURLException;
import java.time.Clock;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import com.gemetrics.platform.security.AccessTokenValidators;
import com.gemetrics.platform.security.RememberingJwtDecoder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies the command side's access tokens: RS256 only (Nimbus refuses {@code none} and
 * every other algorithm), then {@code exp} and {@code sub} present,
 * {@code exp}/{@code nbf} with the configured skew, {@code iss}, {@code aud}, and last
 * the session revocation check, so a bad token never costs a Redis call. Keys come from
 * the command side's JWKS ({@code GE_JWKS_URL}): cached, refetched for an unknown kid at
 * most once per {@code ge.auth.jwks.min-refetch-interval}, and the last copy is kept
 * while the command side does not answer. Kept apart from {@link SecurityConfig} so that
 * web slice tests can use the filter chain with a stub decoder.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerificationConfig {

	/** Verified access tokens remembered at most (ADR 8). */
	static final long REMEMBERED_TOKENS = 20_000;

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
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(AccessTokenValidators.onFirstUse(properties.clockSkew(), properties.issuer(),
				properties.audience(), revocation, clock));
		return new RememberingJwtDecoder(decoder,
				AccessTokenValidators.onEveryUse(properties.clockSkew(), revocation, clock), clock, REMEMBERED_TOKENS);
	}

}
