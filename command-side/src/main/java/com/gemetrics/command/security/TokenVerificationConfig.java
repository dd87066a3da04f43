package com.gemetrics.command.security;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import com.gemetrics.platform.security.AccessTokenValidators;
import com.gemetrics.platform.security.RedisKeys;
import com.gemetrics.platform.security.RevocationCheck;
import com.gemetrics.platform.security.RevocationHealthIndicator;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verifies access tokens: RS256 only (Nimbus refuses {@code none} and every other
 * algorithm), then {@code exp} and {@code sub} present, {@code exp}/{@code nbf} with the
 * configured skew, {@code iss}, {@code aud}, and last the session revocation check, so a
 * bad token never costs a Redis call. Keys come from this app's own key store
 * ({@link SigningKeys}), without HTTP to itself. Kept apart from {@link SecurityConfig}
 * so that web slice tests can use the filter chain with a stub decoder.
 * <p>
 * The revocation check asks Redis on every request that the decoder does not remember:
 * this app writes the revocations ({@link SessionRevocations}) and tells the check of its
 * own at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisKeys.class)
class TokenVerificationConfig {

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, RevocationCheck revocation, AuthProperties properties, Clock clock) {
		return AccessTokenValidators.rememberingDecoder(keys, properties.clockSkew(), properties.issuer(),
				properties.audience(), revocation, clock);
	}

	@Bean
	RevocationCheck revocationCheck(StringRedisTemplate redis, RedisKeys keys, AuthProperties properties, Clock clock,
			MeterRegistry meters) {
		return new RevocationCheck(redis, keys, properties.revocationMarkerTtl(),
				properties.revocation().retryAfterFailure(), Duration.ZERO, clock, meters);
	}

	@Bean
	RevocationHealthIndicator sessionRevocation(RevocationCheck revocationCheck) {
		return new RevocationHealthIndicator(revocationCheck);
	}

}
