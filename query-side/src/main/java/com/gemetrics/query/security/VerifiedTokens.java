package com.gemetrics.query.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.gemetrics.query.web.BearerTokens;
import com.gemetrics.platform.security.RevocationCheck;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Verifies a token once with the same {@link JwtDecoder} the security chain uses, then
 * remembers it until it expires, so a client repeating its token pays for the signature
 * check once. Every use still asks {@link RevocationCheck} (itself cached for a second
 * per session), so a logout or a password change reaches a remembered token within
 * seconds. Bounded: the memory is dropped when it holds more than {@value #LIMIT} tokens.
 */
@Component
class VerifiedTokens implements BearerTokens {

	static final int LIMIT = 50_000;

	private final JwtDecoder decoder;

	private final RevocationCheck revocation;

	private final Clock clock;

	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	VerifiedTokens(JwtDecoder decoder, RevocationCheck revocation, Clock clock) {
		this.decoder = decoder;
		this.revocation = revocation;
		this.clock = clock;
	}

	@Override
	public boolean isValid(String token) {
		Instant now = this.clock.instant();
		Verified known = this.verified.get(token);
		if (known == null || !now.isBefore(known.expiresAt())) {
			known = verify(token);
			if (known == null) {
				return false;
			}
		}
		return !this.revocation.isRevoked(known.sessionId(), known.userId(), known.sessionStartedEpochSecond());
	}

	/**
	 * The decoder's verdict (it runs every validator, revocation included); {@code null}
	 * when refused.
	 */
	private Verified verify(String token) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException refused) {
			this.verified.remove(token);
			return null;
		}
		if (!(jwt.getClaims().get("auth_time") instanceof Number started) || jwt.getExpiresAt() == null) {
			return null;
		}
		Verified result = new Verified(jwt.getExpiresAt(), jwt.getClaimAsString("sid"), jwt.getSubject(),
				started.longValue());
		if (this.verified.size() >= LIMIT) {
			this.verified.clear();
		}
		this.verified.put(token, result);
		return result;
	}

	private record Verified(Instant expiresAt, String sessionId, String userId, long sessionStartedEpochSecond) {
	}

}
