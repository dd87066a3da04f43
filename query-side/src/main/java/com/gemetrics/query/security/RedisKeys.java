package com.gemetrics.query.security;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The session keys in Redis, under {@code ge.redis.key-prefix}, as the command side
 * writes them ({@code com.gemetrics.command.security.RedisKeys}): the names must not
 * change on one side only.
 *
 * @param keyPrefix every key starts with it
 */
@Validated
@ConfigurationProperties("ge.redis")
record RedisKeys(@NotBlank String keyPrefix) {

	/**
	 * Present while the session is revoked (its TTL outlives every access token of the
	 * session).
	 */
	String sessionRevoked(String sessionId) {
		return this.keyPrefix + "session:revoked:" + sessionId;
	}

	/** Epoch second: sessions of the user that started before it are revoked. */
	String sessionsRevokedBefore(String userId) {
		return this.keyPrefix + "user:sessions-revoked-before:" + userId;
	}

}
