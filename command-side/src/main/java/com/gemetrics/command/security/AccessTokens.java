package com.gemetrics.command.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;
import io.jsonwebtoken.Jwts;

import org.springframework.stereotype.Component;

/**
 * Issues access tokens: RS256 JWTs with a {@code kid}, carrying {@code iss}, {@code aud},
 * {@code sub} (user id), {@code iat}, {@code nbf}, {@code exp}, {@code jti}, {@code sid}
 * (session), {@code auth_time} (when the session started) and {@code roles}.
 */
@Component
class AccessTokens {

	private final SigningKeys keys;

	private final AuthProperties properties;

	private final Clock clock;

	AccessTokens(SigningKeys keys, AuthProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	String issue(UserId userId, String sessionId, Set<Role> roles, Instant sessionStartedAt) {
		return issue(userId, sessionId, roles, sessionStartedAt, this.clock.instant(),
				this.properties.accessTokenTtl());
	}

	String issue(UserId userId, String sessionId, Set<Role> roles, Instant sessionStartedAt, Instant notBefore,
			Duration ttl) {
		SigningKeys.SigningKey key = this.keys.current();
		Instant now = this.clock.instant();
		List<String> roleNames = roles.stream().sorted(Comparator.naturalOrder()).map(Role::name).toList();
		return Jwts.builder()
			.header()
			.keyId(key.kid())
			.type("JWT")
			.and()
			.issuer(this.properties.issuer())
			.audience()
			.add(this.properties.audience())
			.and()
			.subject(userId.toString())
			.issuedAt(Date.from(now))
			.notBefore(Date.from(notBefore))
			.expiration(Date.from(now.plus(ttl)))
			.id(UUID.randomUUID().toString())
			.claim("sid", sessionId)
			.claim("auth_time", sessionStartedAt.getEpochSecond())
			.claim("roles", roleNames)
			.signWith(key.privateKey(), Jwts.SIG.RS256)
			.compact();
	}

	long expiresInSeconds() {
		return this.properties.accessTokenTtl().toSeconds();
	}

}
