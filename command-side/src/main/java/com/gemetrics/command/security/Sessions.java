package com.gemetrics.command.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.SessionRevokedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.security.SessionRepository.RefreshTokenRow;
import com.gemetrics.platform.web.ApiException;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions: a session is a refresh-token family. Login starts one; each refresh uses its
 * token once and issues the next; presenting a used token again revokes the whole family
 * (someone copied it); logout, logout-all, a password change or reset, and a role
 * revocation end sessions. Ending a session also marks it in Redis, so both apps refuse
 * its access tokens within seconds.
 * <p>
 * Session ends that this class decides (token reuse, logout) are published as a
 * {@link SessionRevokedEvent} through the {@link EventGateway}: as a plain event, not in
 * the User aggregate's stream, so the aggregate keeps a single writer.
 * {@link #revokeAllSessions} publishes nothing: its caller's own event (password changed,
 * reset) records why.
 */
@Service
class Sessions implements SessionTokens {

	static final String REASON_REUSE = "refresh-token-reuse";

	static final String REASON_LOGOUT = "logout";

	static final String REASON_LOGOUT_ALL = "logout-all";

	private static final Logger log = LoggerFactory.getLogger(Sessions.class);

	private final SessionRepository repository;

	private final AccessTokens accessTokens;

	private final SessionRevocations revocations;

	private final EventGateway events;

	private final TransactionTemplate transactions;

	private final AuthProperties properties;

	private final Clock clock;

	Sessions(SessionRepository repository, AccessTokens accessTokens, SessionRevocations revocations,
			EventGateway events, TransactionTemplate transactions, AuthProperties properties, Clock clock) {
		this.repository = repository;
		this.accessTokens = accessTokens;
		this.revocations = revocations;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public TokenPair startSession(UserId userId, Set<Role> roles) {
		Instant now = this.clock.instant();
		UUID sessionId = UUID.randomUUID();
		String refreshToken = RefreshTokenCodec.newToken();
		Instant expiresAt = now.plus(this.properties.sessionLifetime());
		this.transactions.executeWithoutResult((status) -> {
			this.repository.insertSession(sessionId, userId.value(), roles, now, expiresAt);
			this.repository.insertRefreshToken(RefreshTokenCodec.hash(refreshToken), sessionId, userId.value(), now,
					expiresAt);
		});
		this.revocations.sessionActive(sessionId.toString(), userId.toString());
		String accessToken = this.accessTokens.issue(userId, sessionId.toString(), roles, now);
		return new TokenPair(accessToken, refreshToken, this.accessTokens.expiresInSeconds(), sessionId.toString());
	}

	/**
	 * Uses the refresh token once and answers the session's next pair; 401 for any bad
	 * token.
	 */
	TokenPair refresh(String refreshToken) {
		Instant now = this.clock.instant();
		String next = RefreshTokenCodec.newToken();
		RefreshOutcome outcome = this.transactions.execute((status) -> {
			byte[] hash = RefreshTokenCodec.hash(refreshToken);
			RefreshTokenRow row = this.repository.lockRefreshToken(hash).orElse(null);
			if (row == null) {
				return new Refused("unknown");
			}
			if (row.sessionRevokedAt() != null || row.revokedAt() != null) {
				return new Refused("revoked");
			}
			if (row.usedAt() != null) {
				this.repository.revokeSession(row.sessionId(), now, REASON_REUSE);
				return new Reused(row);
			}
			if (!row.expiresAt().isAfter(now)) {
				return new Refused("expired");
			}
			this.repository.markUsed(hash, now);
			this.repository.insertRefreshToken(RefreshTokenCodec.hash(next), row.sessionId(), row.userId(), now,
					row.expiresAt());
			return new Rotated(row);
		});
		if (outcome instanceof Rotated rotated) {
			RefreshTokenRow row = rotated.row();
			UserId userId = new UserId(row.userId());
			String sessionId = row.sessionId().toString();
			this.revocations.sessionActive(sessionId, userId.toString());
			String accessToken = this.accessTokens.issue(userId, sessionId, row.roles(), row.sessionStartedAt());
			return new TokenPair(accessToken, next, this.accessTokens.expiresInSeconds(), sessionId);
		}
		if (outcome instanceof Reused reused) {
			RefreshTokenRow row = reused.row();
			log.warn("Refresh token reused: revoked session {} of user {}", row.sessionId(), row.userId());
			this.revocations.sessionsRevoked(List.of(row.sessionId().toString()));
			this.events.publish(
					new SessionRevokedEvent(new UserId(row.userId()), row.sessionId().toString(), REASON_REUSE, now));
		}
		else if (outcome instanceof Refused refused) {
			log.debug("Refresh refused: {}", refused.why());
		}
		throw invalidRefreshToken();
	}

	/**
	 * Ends the session of this refresh token. Unknown or already ended tokens change
	 * nothing.
	 */
	void logout(String refreshToken) {
		Instant now = this.clock.instant();
		RefreshTokenRow ended = this.transactions.execute((status) -> {
			RefreshTokenRow row = this.repository.lockRefreshToken(RefreshTokenCodec.hash(refreshToken)).orElse(null);
			if (row == null || !this.repository.revokeSession(row.sessionId(), now, REASON_LOGOUT)) {
				return null;
			}
			return row;
		});
		if (ended != null) {
			this.revocations.sessionsRevoked(List.of(ended.sessionId().toString()));
			this.events.publish(new SessionRevokedEvent(new UserId(ended.userId()), ended.sessionId().toString(),
					REASON_LOGOUT, now));
		}
	}

	/** The caller ends every one of their sessions, this one included. */
	void logoutAll(UserId userId) {
		Instant now = this.clock.instant();
		endAll(userId, REASON_LOGOUT_ALL, now);
		this.events.publish(new SessionRevokedEvent(userId, null, REASON_LOGOUT_ALL, now));
	}

	@Override
	public void revokeAllSessions(UserId userId, String reason) {
		endAll(userId, reason, this.clock.instant());
	}

	@Override
	public void revokeOtherSessions(UserId userId, String keepSessionId, String reason) {
		UUID keep;
		try {
			keep = UUID.fromString(keepSessionId);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			revokeAllSessions(userId, reason);
			return;
		}
		Instant now = this.clock.instant();
		List<UUID> ended = this.transactions
			.execute((status) -> this.repository.revokeSessionsOfExcept(userId.value(), keep, now, reason));
		this.revocations.sessionsRevoked((ended != null) ? ended.stream().map(UUID::toString).toList() : List.of());
		log.info("Ended {} other sessions of user {} ({})", (ended != null) ? ended.size() : 0, userId, reason);
	}

	private void endAll(UserId userId, String reason, Instant now) {
		List<UUID> ended = this.transactions
			.execute((status) -> this.repository.revokeSessionsOf(userId.value(), now, reason));
		this.revocations.userSessionsRevoked(userId.toString(), now,
				(ended != null) ? ended.stream().map(UUID::toString).toList() : List.of());
		log.info("Ended {} sessions of user {} ({})", (ended != null) ? ended.size() : 0, userId, reason);
	}

	static ApiException invalidRefreshToken() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_REFRESH_TOKEN",
				"The refresh token is not valid. Log in again.");
	}

	private sealed interface RefreshOutcome permits Rotated, Reused, Refused {

	}

	private record Rotated(RefreshTokenRow row) implements RefreshOutcome {
	}

	private record Reused(RefreshTokenRow row) implements RefreshOutcome {
	}

	private record Refused(String why) implements RefreshOutcome {
	}

}
