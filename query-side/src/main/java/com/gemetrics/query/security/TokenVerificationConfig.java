package com.gemetrics.query.security;

import java.net.MalformedURLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
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
		decoder.setJwtValidator(validator(properties, revocation, clock));
		return decoder;
	}

	/** The first failure answers: later (dearer) checks do not run. */
	static OAuth2TokenValidator<Jwt> validator(AuthProperties properties, OAuth2TokenValidator<Jwt> revocation,
			Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		List<OAuth2TokenValidator<Jwt>> validators = List.of(
				new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtClaimValidator<Object>(JwtClaimNames.SUB, Objects::nonNull), timestamps,
				new JwtIssuerValidator(properties.issuer()), new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(audience) -> audience != null && audience.contains(properties.audience())),
				revocation);
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
