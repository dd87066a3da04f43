package com.gemetrics.command.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.gemetrics.platform.security.RedisKeys;
import com.gemetrics.platform.security.RevocationCheck;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes session state to Redis for both apps' {@link RevocationCheck}: the
 * active-session entry (the seed's 30-minute TTL, renewed on refresh) and the revocation
 * markers, whose TTL outlives every access token they cover. The database stays the truth
 * for refresh tokens; if Redis cannot be written, this instance still remembers the
 * revocation and the other instances accept the session's access tokens until they expire
 * (counted in {@code ge.auth.revocation.write.failures}).
 */
@Component
class SessionRevocations {

	private static final Logger log = LoggerFactory.getLogger(SessionRevocations.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RevocationCheck check;

	private final Duration markerTtl;

	private final Duration activeTtl;

	private final Counter writeFailures;

	SessionRevocations(StringRedisTemplate redis, RedisKeys keys, RevocationCheck check, AuthProperties properties,
			MeterRegistry meters) {
		this.redis = redis;
		this.keys = keys;
		this.check = check;
		this.markerTtl = properties.revocationMarkerTtl();
		this.activeTtl = properties.sessionCacheTtl();
		this.writeFailures = Counter.builder("ge.auth.revocation.write.failures")
			.description("Session state that could not be written to Redis")
			.register(meters);
	}

	void sessionActive(String sessionId, String userId) {
		try {
			this.redis.opsForValue().set(this.keys.sessionActive(sessionId), userId, this.activeTtl);
		}
		catch (DataAccessException ex) {
			this.writeFailures.increment();
			log.warn("Could not cache session {} in Redis: {}", sessionId, ex.getMessage());
		}
	}

	void sessionsRevoked(Collection<String> sessionIds) {
		for (String sessionId : sessionIds) {
			this.check.rememberSession(sessionId);
		}
		try {
			for (String sessionId : sessionIds) {
				this.redis.opsForValue().set(this.keys.sessionRevoked(sessionId), "1", this.markerTtl);
				this.redis.delete(this.keys.sessionActive(sessionId));
			}
		}
		catch (DataAccessException ex) {
			this.writeFailures.increment();
			log.error("Could not write the revocation of {} sessions to Redis: other instances accept their "
					+ "access tokens until they expire", sessionIds.size(), ex);
		}
	}

	void userSessionsRevoked(String userId, Instant before, Collection<String> sessionIds) {
		long epochSecond = before.getEpochSecond();
		this.check.rememberUser(userId, epochSecond);
		try {
			this.redis.opsForValue()
				.set(this.keys.sessionsRevokedBefore(userId), Long.toString(epochSecond), this.markerTtl);
		}
		catch (DataAccessException ex) {
			this.writeFailures.increment();
			log.error("Could not write the revocation of user {}'s sessions to Redis", userId, ex);
		}
		sessionsRevoked(sessionIds);
	}

}
