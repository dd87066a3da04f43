package com.gemetrics.platform.security;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The session keys in Redis, under {@code ge.redis.key-prefix}: the command side writes
 * them, both apps' {@link RevocationCheck} reads them. Each app enables it with
 * {@code @EnableConfigurationProperties(RedisKeys.class)}.
 *
 * @param keyPrefix every key starts with it
 */
@Validated
@ConfigurationProperties("ge.redis")
public record RedisKeys(@NotBlank String keyPrefix) {

	/**
	 * Present while the session is revoked (its TTL outlives every access token of the
	 * session).
	 * @param sessionId the session ({@code sid})
	 * @return the key
	 */
	public String sessionRevoked(String sessionId) {
		return this.keyPrefix + "session:revoked:" + sessionId;
	}

	/**
	 * Epoch second: sessions of the user that started before it are revoked.
	 * @param userId the user ({@code sub})
	 * @return the key
	 */
	public String sessionsRevokedBefore(String userId) {
		return this.keyPrefix + "user:sessions-revoked-before:" + userId;
	}

	/**
	 * The user id of an active session, with the seed's 30-minute TTL, renewed on refresh
	 * (written by the command side only).
	 * @param sessionId the session ({@code sid})
	 * @return the key
	 */
	public String sessionActive(String sessionId) {
		return this.keyPrefix + "session:active:" + sessionId;
	}

}
