package com.gemetrics.platform.security;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that checks a token's signature and claims once, through the
 * delegate, and then remembers the decoded token until it expires, so a client that sends
 * the same access token with every request pays for the RSA verification (and its base64
 * work) once. Every use, remembered or not, still runs {@code onEveryUse}: the revocation
 * check and the expiry, so a logout or a password change reaches a remembered token as
 * fast as an unremembered one. Refused tokens are never remembered.
 * <p>
 * Bounded by a Caffeine cache of at most {@code maximumTokens} entries, each dropped at
 * its token's expiry.
 */
public final class RememberingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final OAuth2TokenValidator<Jwt> onEveryUse;

	private final Clock clock;

	private final Cache<String, Jwt> remembered;

	/**
	 * @param delegate verifies signature and claims (all validators, revocation included)
	 * @param onEveryUse what must hold on every use of a remembered token
	 * @param clock the time
	 * @param maximumTokens how many tokens to remember at most
	 */
	public RememberingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> onEveryUse, Clock clock,
			long maximumTokens) {
		this.delegate = delegate;
		this.onEveryUse = onEveryUse;
		this.clock = clock;
		this.remembered = Caffeine.newBuilder()
			.maximumSize(maximumTokens)
			.expireAfter(new UntilTokenExpiry(clock))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = this.remembered.getIfPresent(token);
		if (known != null && known.getExpiresAt() != null && this.clock.instant().isBefore(known.getExpiresAt())) {
			OAuth2TokenValidatorResult result = this.onEveryUse.validate(known);
			if (result.hasErrors()) {
				String description = result.getErrors().iterator().next().getDescription();
				throw new JwtValidationException(description, result.getErrors());
			}
			return known;
		}
		Jwt decoded = this.delegate.decode(token);
		if (decoded.getExpiresAt() != null) {
			this.remembered.put(token, decoded);
		}
		return decoded;
	}

	/** How many tokens are remembered now (for tests and metrics). */
	public long size() {
		this.remembered.cleanUp();
		return this.remembered.estimatedSize();
	}

	private record UntilTokenExpiry(Clock clock) implements Expiry<String, Jwt> {

		@Override
		public long expireAfterCreate(String key, Jwt jwt, long currentTime) {
			Duration left = Duration.between(this.clock.instant(), jwt.getExpiresAt());
			return Math.max(0, left.toNanos());
		}

		@Override
		public long expireAfterUpdate(String key, Jwt jwt, long currentTime, long currentDuration) {
			return expireAfterCreate(key, jwt, currentTime);
		}

		@Override
		public long expireAfterRead(String key, Jwt jwt, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
