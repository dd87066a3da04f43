package com.gemetrics.platform.security;

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

/**
 * Refuses access tokens of revoked sessions: one {@code MGET} per request of
 * {@code session:revoked:{sid}} and {@code user:sessions-revoked-before:{sub}}.
 * <p>
 * When Redis cannot answer, the token is accepted (its signature and lifetime were
 * checked, and it lives 15 minutes at most) unless this instance already saw its session
 * revoked: every revocation it read, or was told of through {@link #rememberSession} and
 * {@link #rememberUser} (the command side's own revocations), is remembered until the
 * tokens it covers have expired. Each unchecked request counts in
 * {@code ge.auth.revocation.check.failures}; after a failure Redis is left alone for
 * {@code ge.auth.revocation.retry-after-failure}, so requests do not queue behind its
 * timeout. A session found active may be trusted for a short while without asking Redis
 * again (the query side's {@code ge.auth.revocation.active-cache}, 1 s). See ADR 0008.
 * <p>
 * Not a component: each app builds it in its token verification configuration.
 */
public class RevocationCheck implements OAuth2TokenValidator<Jwt> {

	private static final Logger log = LoggerFactory.getLogger(RevocationCheck.class);

	private static final int MEMORY_LIMIT = 100_000;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Clock clock;

	private final Duration memory;

	private final Duration retryAfterFailure;

	private final Duration activeFor;

	private final Counter failures;

	private final Map<String, Instant> revokedSessions = new ConcurrentHashMap<>();

	private final Map<String, Long> revokedBefore = new ConcurrentHashMap<>();

	private final Map<String, Instant> checkedActiveUntil = new ConcurrentHashMap<>();

	private final AtomicReference<Instant> lastFailure = new AtomicReference<>();

	/**
	 * A check against the session keys in Redis.
	 * @param redis the Redis holding the session keys
	 * @param keys their names
	 * @param memory how long a revocation seen by this instance is remembered: every
	 * access token it covers has expired by then
	 * @param retryAfterFailure after a failed Redis call, skip Redis (answer from this
	 * instance's memory of revocations) for this long
	 * @param activeFor how long a session found active is trusted without asking Redis
	 * again; {@link Duration#ZERO} asks Redis on every check
	 * @param clock the clock
	 * @param meters where {@code ge.auth.revocation.check.failures} is registered
	 */
	public RevocationCheck(StringRedisTemplate redis, RedisKeys keys, Duration memory, Duration retryAfterFailure,
			Duration activeFor, Clock clock, MeterRegistry meters) {
		this.redis = redis;
		this.keys = keys;
		this.memory = memory;
		this.retryAfterFailure = retryAfterFailure;
		this.activeFor = activeFor;
		this.clock = clock;
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

	/**
	 * Whether the session has been revoked, by itself or with all of the user's sessions
	 * that started before a moment.
	 * @param sessionId the session ({@code sid})
	 * @param userId its user ({@code sub})
	 * @param sessionStartedEpochSecond when the session started ({@code auth_time})
	 * @return true when the session's tokens must be refused
	 */
	public boolean isRevoked(String sessionId, String userId, long sessionStartedEpochSecond) {
		Instant now = this.clock.instant();
		if (this.activeFor.isZero()) {
			return checkRedis(sessionId, userId, sessionStartedEpochSecond, now);
		}
		Instant activeUntil = this.checkedActiveUntil.get(sessionId);
		if (activeUntil != null && now.isBefore(activeUntil)
				&& !rememberedRevoked(sessionId, userId, sessionStartedEpochSecond, now)) {
			return false;
		}
		boolean revoked = checkRedis(sessionId, userId, sessionStartedEpochSecond, now);
		if (!revoked) {
			if (this.checkedActiveUntil.size() > MEMORY_LIMIT) {
				this.checkedActiveUntil.clear();
			}
			this.checkedActiveUntil.put(sessionId, now.plus(this.activeFor));
		}
		else {
			this.checkedActiveUntil.remove(sessionId);
		}
		return revoked;
	}

	/**
	 * This instance saw the session revoked (or revoked it itself).
	 * @param sessionId the session ({@code sid})
	 */
	public void rememberSession(String sessionId) {
		trim();
		this.revokedSessions.put(sessionId, this.clock.instant().plus(this.memory));
	}

	/**
	 * This instance saw the user's sessions revoked before {@code epochSecond} (or
	 * revoked them itself).
	 * @param userId the user ({@code sub})
	 * @param epochSecond sessions that started before it are revoked
	 */
	public void rememberUser(String userId, long epochSecond) {
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

	/**
	 * Asks Redis, unless it failed moments ago; else answers from this instance's memory.
	 */
	private boolean checkRedis(String sessionId, String userId, long sessionStartedEpochSecond, Instant now) {
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
					// what this instance revoked itself counts even if writing it to
					// Redis failed
					return sessionRevoked || (before != null && sessionStartedEpochSecond < before)
							|| rememberedRevoked(sessionId, userId, sessionStartedEpochSecond, now);
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
