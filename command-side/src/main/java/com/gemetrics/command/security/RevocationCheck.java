package com.gemetrics.command.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Refuses access tokens of revoked sessions: one {@code MGET} per request of
 * {@code session:revoked:{sid}} and {@code user:sessions-revoked-before:{sub}}.
 * <p>
 * When Redis cannot answer, the token is accepted (its signature and lifetime were
 * checked, and it lives 15 minutes at most) unless this instance already saw its session
 * revoked: every revocation it read or wrote is remembered until the tokens it covers
 * have expired. Each unchecked request counts in
 * {@code ge.auth.revocation.check.failures}; after a failure Redis is left alone for
 * {@code ge.auth.revocation.retry-after-failure}, so requests do not queue behind its
 * timeout. See ADR 0008.
 */
@Component
class RevocationCheck implements OAuth2TokenValidator<Jwt> {

	static final String REVOKED = "session_revoked";

	private static final Logger log = LoggerFactory.getLogger(RevocationCheck.class);

	private static final int MEMORY_LIMIT = 100_000;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Clock clock;

	private final Duration memory;

	private final Duration retryAfterFailure;

	private final Counter failures;

	private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();

	private final Map<String, Long> revokedBefore = new ConcurrentHashMap<>();

	private final AtomicReference<Instant> lastFailure = new AtomicReference<>();

	RevocationCheck(StringRedisTemplate redis, RedisKeys keys, AuthProperties properties, Clock clock,
			MeterRegistry meters) {
		this.redis = redis;
		this.keys = keys;
		this.clock = clock;
		this.memory = properties.revocationMarkerTtl();
		this.retryAfterFailure = properties.revocation().retryAfterFailure();
		this.failures = Counter.builder("ge.auth.revocation.check.failures")
			.description("Access tokens accepted without a revocation check because Redis did not answer")
			.register(meters);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		String sessionId = jwt.getClaimAsString("sid");
		String userId = jwt.getSubject();
		Object authTime = jwt.getClaims().get("auth_time");
		if (sessionId == null || userId == null || !(authTime instanceof Number started)) {
			return failure("The token has no session.");
		}
		return isRevoked(sessionId, userId, started.longValue()) ? failure("The session has ended.")
				: OAuth2TokenValidatorResult.success();
	}

	boolean isRevoked(String sessionId, String userId, long sessionStartedEpochSecond) {
		Instant now = this.clock.instant();
		Instant failedAt = this.lastFailure.get();
		if (failedAt == null || now.isAfter(failedAt.plus(this.retryAfterFailure))) {
			try {
				List<String> values = this.redis.opsForValue()
					.multiGet(Arrays.asList(this.keys.sessionRevoked(sessionId),
							this.keys.sessionsRevokedBefore(userId)));
				if (failedAt != null) {
					this.lastFailure.compareAndSet(failedAt, null);
					log.info("Revocation check: Redis answers again");
				}
				if (values != null && values.size() == 2) {
					boolean sessionRevoked = values.get(0) != null;
					Long before = (values.get(1) != null) ? Long.valueOf(values.get(1)) : null;
					if (sessionRevoked) {
						rememberSession(sessionId);
					}
					if (before != null) {
						rememberUser(userId, before);
					}
					return sessionRevoked || (before != null && sessionStartedEpochSecond < before);
				}
			}
			catch (DataAccessException ex) {
				if (this.lastFailure.getAndSet(now) == null) {
					log.warn("Revocation check: Redis does not answer ({}); answering from this instance's memory",
							ex.getMessage());
				}
			}
		}
		this.failures.increment();
		return rememberedRevoked(sessionId, userId, sessionStartedEpochSecond, now);
	}

	/** This instance saw the session revoked (or revoked it itself). */
	void rememberSession(String sessionId) {
		trim();
		this.revokedSessions.put(sessionId, this.clock.instant().plus(this.memory));
	}

	/** This instance saw the user's sessions revoked before {@code epochSecond}. */
	void rememberUser(String userId, long epochSecond) {
		trim();
		this.revokedBefore.merge(userId, epochSecond, Math::max);
	}

	/** When Redis last failed, or null while it answers. */
	Instant lastFailure() {
		return this.lastFailure.get();
	}

	double failureCount() {
		return this.failures.count();
	}

	private boolean rememberedRevoked(String sessionId, String userId, long started, Instant now) {
		Instant until = this.revokedSessions.get(sessionId);
		if (until != null && until.isAfter(now)) {
			return true;
		}
		Long before = this.revokedBefore.get(userId);
		return before != null && started < before;
	}

	private void trim() {
		if (this.revokedSessions.size() + this.revokedBefore.size() < MEMORY_LIMIT) {
			return;
		}
		Instant now = this.clock.instant();
		this.revokedSessions.values().removeIf((until) -> until.isBefore(now));
		long oldest = now.minus(this.memory).getEpochSecond();
		this.revokedBefore.values().removeIf((before) -> before < oldest);
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
