package com.gemetrics.command.security;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
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
 * Verifies access tokens: RS256 only (Nimbus refuses {@code none} and every other
 * algorithm), then {@code exp} and {@code sub} present, {@code exp}/{@code nbf} with the
 * configured skew, {@code iss}, {@code aud}, and last the session revocation check, so a
 * bad token never costs a Redis call. Keys come from this app's own key store
 * ({@link SigningKeys}), without HTTP to itself. Kept apart from {@link SecurityConfig}
 * so that web slice tests can use the filter chain with a stub decoder.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerificationConfig {

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, RevocationCheck revocation, AuthProperties properties, Clock clock) {
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
